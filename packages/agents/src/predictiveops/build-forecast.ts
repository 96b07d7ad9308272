import type { Forecast, MetricName } from '@watchfloor/domain';
import {
  isAnomalous,
  latestAnomalyScore,
  MAX_HORIZON,
  timeToThreshold,
} from '@watchfloor/forecast';
import type { MetricHistory } from './history.ts';
import { chooseHolt, fitModel, type HoltModel } from './holt-choice.ts';
import { isBeyond, type MetricThreshold } from './thresholds.ts';
import { toIso, toMs } from './time.ts';

export interface BuildForecastOptions {
  /** When the forecast is made (ISO); becomes `fittedAt` and the origin of `inSeconds`. */
  now: string;
  /** Steps (buckets) ahead; default 288 (24 h of 5-min buckets), at most 1000. */
  horizon?: number;
  /** Threshold to predict a crossing of; null or omitted for none. */
  threshold?: MetricThreshold | null;
  /** Most recent buckets fitted and returned as `actual`; default 288. */
  actualPoints?: number;
  /**
   * Smoothing fitted earlier (`ForecastModels`): kept, with only the initial states fitted to
   * the current buckets. Without it Holt and damped Holt are both fitted in full and compared.
   */
  model?: HoltModel | null;
}

/** Fewest buckets a forecast is built from. */
export const MIN_BUCKETS = 4;
/** Residuals behind the anomaly score's baseline (4 h of 5-min buckets). */
const ANOMALY_WINDOW = 48;
const FRACTIONS: ReadonlySet<MetricName> = new Set(['cpu', 'memory', 'disk', 'error_rate']);

/**
 * A 24 h forecast of one service/metric from its bucket means: Holt or damped Holt (lower
 * AIC; or the given model's smoothing), 95 % intervals, the latest one-step residual's
 * robust anomaly score and the predicted threshold crossing. Null with fewer than MIN_BUCKETS
 * buckets. Values are kept within the metric's range (≥ 0; ≤ 1 for fractions).
 */
export const buildForecast = (
  history: MetricHistory,
  service: string,
  metric: MetricName,
  options: BuildForecastOptions,
): Forecast | null => {
  const horizon = Math.min(MAX_HORIZON, Math.max(1, Math.floor(options.horizon ?? 288)));
  const keep = Math.max(MIN_BUCKETS, Math.floor(options.actualPoints ?? 288));
  const all = history.buckets(service, metric);
  const at = all.at.slice(-keep);
  const values = all.values.slice(-keep);
  const lastAt = at[at.length - 1];
  const lastValue = values[values.length - 1];
  if (values.length < MIN_BUCKETS || lastAt === undefined || lastValue === undefined) return null;
  const { fit, damped } = options.model
    ? fitModel(values, horizon, options.model)
    : chooseHolt(values, horizon);
  const step = history.bucketSeconds;
  const lastMs = toMs(lastAt);
  const bound = boundFor(metric);
  const threshold = options.threshold ?? null;
  const score = latestAnomalyScore(fit.residuals, ANOMALY_WINDOW);
  return {
    service,
    metric,
    stepSeconds: step,
    fittedAt: options.now,
    params: {
      alpha: fit.alpha,
      beta: fit.beta,
      ...(fit.phi === undefined ? {} : { phi: fit.phi }),
      level0: fit.level0,
      trend0: fit.trend0,
      sse: fit.sse,
    },
    damped,
    actual: values.map((value, i) => ({ at: at[i] ?? lastAt, value })),
    fitted: fit.fitted,
    forecast: fit.forecast.map((value, h) => ({
      at: toIso(lastMs + (h + 1) * step * 1000),
      value: bound(value),
      lower: bound(fit.lower[h] ?? value),
      upper: bound(fit.upper[h] ?? value),
    })),
    anomalyScore: score,
    anomalous: isAnomalous(score),
    threshold,
    predictedCrossing: crossing(
      fit.forecast,
      threshold,
      lastValue,
      lastMs,
      step,
      toMs(options.now),
    ),
  };
};

const crossing = (
  forecast: readonly number[],
  threshold: MetricThreshold | null,
  lastValue: number,
  lastMs: number,
  step: number,
  nowMs: number,
): Forecast['predictedCrossing'] => {
  // Already beyond: the alert covers it, there is nothing left to predict.
  if (!threshold || isBeyond(lastValue, threshold)) return null;
  const seconds = timeToThreshold(forecast, threshold.value, step, threshold.direction);
  if (seconds === null) return null;
  const atMs = lastMs + seconds * 1000;
  const base = Number.isFinite(nowMs) ? nowMs : lastMs;
  return { at: toIso(atMs), inSeconds: Math.max(0, Math.round((atMs - base) / 1000)) };
};

const boundFor = (metric: MetricName) => {
  const hi = FRACTIONS.has(metric) ? 1 : Number.POSITIVE_INFINITY;
  return (x: number): number => Math.min(hi, Math.max(0, x));
};
