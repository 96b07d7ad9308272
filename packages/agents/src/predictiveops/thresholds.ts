import type { MetricName } from '@watchfloor/domain';

export type Direction = 'above' | 'below';

export interface MetricThreshold {
  value: number;
  direction: Direction;
}

export type Thresholds = Partial<Record<MetricName, MetricThreshold>>;

/** The parts of an alert-rule config (the simulator's `THRESHOLDS`) the risk thresholds come from. */
export interface AlertThresholdConfig {
  memory: { warning: number };
  diskWillFill: number;
  cpu: { warning: number };
  errorRate: { warning: number };
}

/** Metrics predicted by default: the slow failures (MemoryPressure, DiskWillFillSoon/DiskFull). */
export const SLOW_METRICS: readonly MetricName[] = ['memory', 'disk'];

/**
 * Risk thresholds from the organisation's alert rules: the first (warning) level of the rule
 * watching each metric. Only `metrics` are included (default memory and disk).
 * @example thresholdsFromRules(THRESHOLDS) // { memory: { value: 0.88, direction: 'above' }, disk: { value: 0.8, ... } }
 */
export const thresholdsFromRules = (
  rules: AlertThresholdConfig,
  metrics: readonly MetricName[] = SLOW_METRICS,
): Thresholds => {
  const all: Thresholds = {
    memory: { value: rules.memory.warning, direction: 'above' },
    disk: { value: rules.diskWillFill, direction: 'above' },
    cpu: { value: rules.cpu.warning, direction: 'above' },
    error_rate: { value: rules.errorRate.warning, direction: 'above' },
  };
  const out: Thresholds = {};
  for (const metric of metrics) {
    const t = all[metric];
    if (t) out[metric] = t;
  }
  return out;
};

/** Whether `value` is already on the alerting side of a threshold (alert rules use strict >, <). */
export const isBeyond = (value: number, t: MetricThreshold): boolean =>
  t.direction === 'above' ? value > t.value : value < t.value;
