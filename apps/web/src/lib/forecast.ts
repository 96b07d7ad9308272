import type { Forecast, MetricName } from '@watchfloor/domain';

/** One x position of a forecast chart; null where a series has no value (the line breaks). */
export interface ForecastPoint {
  at: number;
  actual: number | null;
  fitted: number | null;
  forecast: number | null;
  /** The prediction interval, drawn as a band: [lower, upper]. */
  band: [number, number] | null;
  /** The actual value again where it is anomalous, for the markers. */
  anomaly: number | null;
}

/** |robust z| above this counts as anomalous (the server's rule for the latest residual). */
export const ANOMALY_Z = 3.5;

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
};

/**
 * Robust z-scores (median and MAD) of the one-step residuals actual − fitted; NaN where a
 * fitted value is missing. All zeros when neither the residuals nor the values spread.
 */
export function residualScores(actual: readonly number[], fitted: readonly number[]): number[] {
  const residuals = actual.map((a, i) => {
    const f = fitted[i];
    return f === undefined ? Number.NaN : a - f;
  });
  const known = residuals.filter((r) => !Number.isNaN(r));
  if (known.length === 0) return residuals;
  const m = median(known);
  // A flat series has a MAD near zero: floor it at 1 % of the typical level, so sub-percent
  // wiggles are not marked as anomalies.
  const mad = Math.max(
    median(known.map((r) => Math.abs(r - m))),
    0.01 * median(actual.map((a) => Math.abs(a))),
  );
  return residuals.map((r) => (Number.isNaN(r) ? r : mad === 0 ? 0 : (0.6745 * (r - m)) / mad));
}

/**
 * Actuals, fitted values and the forecast with its interval on one time axis. Anomaly
 * markers: past points whose residual is an outlier, and the latest point when the server
 * flags it (`anomalous`, from its own score of the newest residual).
 */
export function toForecastPoints(f: Forecast): ForecastPoint[] {
  const byTime = new Map<number, ForecastPoint>();
  const at = (iso: string): ForecastPoint => {
    const t = Date.parse(iso);
    let point = byTime.get(t);
    if (!point) {
      point = { at: t, actual: null, fitted: null, forecast: null, band: null, anomaly: null };
      byTime.set(t, point);
    }
    return point;
  };
  const scores = residualScores(
    f.actual.map((a) => a.value),
    f.fitted,
  );
  const last = f.actual.length - 1;
  f.actual.forEach((a, i) => {
    const point = at(a.at);
    point.actual = a.value;
    point.fitted = f.fitted[i] ?? null;
    const z = scores[i] ?? 0;
    if (Math.abs(z) > ANOMALY_Z || (i === last && f.anomalous)) point.anomaly = a.value;
  });
  for (const p of f.forecast) {
    const point = at(p.at);
    point.forecast = p.value;
    point.band = [p.lower, p.upper];
  }
  return [...byTime.values()].sort((a, b) => a.at - b.at);
}

/** Metrics the simulator reports as 0..1 fractions. */
const FRACTIONS: ReadonlySet<MetricName> = new Set(['error_rate', 'cpu', 'memory', 'disk']);

export const METRIC_LABELS: Record<MetricName, string> = {
  latency_p95_ms: 'p95 latency',
  error_rate: 'error rate',
  cpu: 'CPU',
  memory: 'memory',
  throughput_rps: 'throughput',
  disk: 'disk',
};

/** A metric value as an operator reads it: `4.2 %`, `180 ms`, `950 req/s`. */
export function formatMetric(metric: MetricName, value: number | null | undefined): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '—';
  if (FRACTIONS.has(metric)) {
    const pct = value * 100;
    return `${pct.toFixed(Math.abs(pct) < 10 ? 2 : 1)} %`;
  }
  if (metric === 'latency_p95_ms') return `${Math.round(value)} ms`;
  return `${Math.round(value).toLocaleString('en-US')} req/s`;
}

/** A short axis tick: `25 %`, `150 ms`, `1.2k`. */
export function formatMetricTick(metric: MetricName, value: number): string {
  if (FRACTIONS.has(metric)) return `${Math.round(value * 100)} %`;
  if (metric === 'latency_p95_ms') return `${Math.round(value)} ms`;
  return Math.abs(value) >= 1000 ? `${(value / 1000).toFixed(1)}k` : String(Math.round(value));
}

/** A fitted smoothing parameter: three decimals, or scientific when it is tiny. */
export const formatParam = (value: number): string =>
  value !== 0 && Math.abs(value) < 0.001 ? value.toExponential(1) : value.toFixed(3);

/** A sum of squared errors, compact at any scale. */
export const formatSse = (value: number): string =>
  value === 0
    ? '0'
    : Math.abs(value) >= 1e5 || Math.abs(value) < 0.01
      ? value.toExponential(2)
      : value.toPrecision(4);
