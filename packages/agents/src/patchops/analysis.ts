import type { PatchMeasurement } from '@watchfloor/domain';
import type { HostObservation } from './observation.ts';
import type { RolloutOptions } from './options.ts';

export interface Baseline {
  errorRate: number;
  latencyP95: number;
  from: PatchMeasurement['baselineFrom'];
}

const mean = (xs: readonly number[]): number =>
  xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length;
const pct = (x: number): string => `${(x * 100).toFixed(2)}%`;
const ms = (x: number): string => `${Math.round(x)}ms`;

export const baselineOf = (
  hosts: readonly HostObservation[],
  from: Baseline['from'],
): Baseline => ({
  errorRate: mean(hosts.map((h) => h.errorRate)),
  latencyP95: mean(hosts.map((h) => h.latencyP95)),
  from,
});

/**
 * One analysis run, Argo-Rollouts style: the new version's hosts against the baseline. Fails
 * when their error rate passes baseline × ratio + margin, or p95 passes baseline × ratio.
 */
export function measure(
  canary: readonly HostObservation[],
  missing: readonly string[],
  baseline: Baseline,
  options: RolloutOptions,
  at: string,
): PatchMeasurement {
  const canaryErrorRate = mean(canary.map((h) => h.errorRate));
  const canaryLatencyP95 = mean(canary.map((h) => h.latencyP95));
  const errorLimit = baseline.errorRate * options.errorRatio + options.errorMargin;
  const latencyLimit = baseline.latencyP95 * options.latencyRatio;
  const against = baseline.from === 'stable' ? 'on stable hosts' : 'before the rollout';
  const problems: string[] = [];
  if (missing.length > 0 || canary.length === 0) {
    problems.push(`no reading from ${missing.join(', ') || 'the new hosts'}`);
  }
  if (canaryErrorRate > errorLimit) {
    problems.push(
      `errors ${pct(canaryErrorRate)} vs ${pct(baseline.errorRate)} ${against} (limit ${pct(errorLimit)})`,
    );
  }
  if (canaryLatencyP95 > latencyLimit) {
    problems.push(
      `p95 ${ms(canaryLatencyP95)} vs ${ms(baseline.latencyP95)} ${against} (limit ${ms(latencyLimit)})`,
    );
  }
  return {
    at,
    canaryErrorRate,
    baselineErrorRate: baseline.errorRate,
    canaryLatencyP95,
    baselineLatencyP95: baseline.latencyP95,
    baselineFrom: baseline.from,
    verdict: problems.length === 0 ? 'pass' : 'fail',
    reason:
      problems.length === 0
        ? `errors ${pct(canaryErrorRate)} vs ${pct(baseline.errorRate)}, p95 ${ms(canaryLatencyP95)} vs ${ms(baseline.latencyP95)} ${against}`
        : problems.join('; '),
  };
}

/** Failed measurements at the end of the list, in a row. */
export const trailingFailures = (ms: readonly PatchMeasurement[]): number => {
  let n = 0;
  for (let k = ms.length - 1; k >= 0 && ms[k]?.verdict === 'fail'; k--) n++;
  return n;
};

/** Passing measurements at the end of the list, in a row. */
export const trailingPasses = (ms: readonly PatchMeasurement[]): number => {
  let n = 0;
  for (let k = ms.length - 1; k >= 0 && ms[k]?.verdict === 'pass'; k--) n++;
  return n;
};
