/** Holt's linear trend, one observation at a time (statsmodels' parametrisation). */
export interface HoltState {
  level: number;
  trend: number;
}

/**
 * Updates `s` with observation `y` in O(1) and returns the one-step residual y − (ℓ + b):
 * ℓ' = ℓ + b + α·e,  b' = b + α·β·e.
 */
export const holtStep = (s: HoltState, y: number, alpha: number, beta: number): number => {
  const e = y - (s.level + s.trend);
  s.level += s.trend + alpha * e;
  s.trend += alpha * beta * e;
  return e;
};

/** Robust spread of residuals and trend estimates of a replay; NaN when too short. */
export interface NoiseScales {
  residualSd: number;
  trendSd: number;
}

const MAD_TO_SD = 1.4826;

/** A level shift away from the risk: residuals with sign·e < −drop restart the trend at 0. */
export interface ResetRule {
  sign: 1 | -1;
  drop: number;
}

/**
 * Replays `series` through Holt with the given smoothing and measures, robustly (MAD), how
 * much the one-step residuals and the trend estimate move, applying the same level-shift
 * reset as the online tracker. The first `skip` steps (start-up transient) are left out. A
 * ramp in the window is a minority and barely moves the medians.
 */
export const replayNoise = (
  series: ArrayLike<number>,
  alpha: number,
  beta: number,
  reset: ResetRule | null,
  skip = 10,
): NoiseScales => {
  const n = series.length;
  const first = series[0];
  if (first === undefined || n - skip < 5) return { residualSd: Number.NaN, trendSd: Number.NaN };
  const s: HoltState = { level: first, trend: 0 };
  const residuals = new Float64Array(n - skip);
  const trends = new Float64Array(n - skip);
  let kept = 0;
  for (let t = 1; t < n; t++) {
    const y = series[t] ?? s.level;
    if (reset && reset.sign * (y - s.level - s.trend) < -reset.drop) {
      s.level = y;
      s.trend = 0;
      continue;
    }
    const e = holtStep(s, y, alpha, beta);
    if (t < skip) continue;
    residuals[kept] = e;
    trends[kept] = s.trend;
    kept++;
  }
  if (kept < 5) return { residualSd: Number.NaN, trendSd: Number.NaN };
  return {
    residualSd: MAD_TO_SD * mad(residuals.subarray(0, kept)),
    trendSd: MAD_TO_SD * mad(trends.subarray(0, kept)),
  };
};

const median = (sorted: Float64Array): number => {
  const n = sorted.length;
  const mid = n >> 1;
  return n % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
};

/** Median absolute deviation from the median (sorts `values` in place). */
export const mad = (values: Float64Array): number => {
  values.sort();
  const centre = median(values);
  for (let i = 0; i < values.length; i++) values[i] = Math.abs((values[i] ?? 0) - centre);
  values.sort();
  return median(values);
};
