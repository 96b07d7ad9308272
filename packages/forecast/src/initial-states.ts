export interface Smoothing {
  alpha: number;
  beta: number;
  phi: number;
}

export interface KnownStates {
  level0?: number | undefined;
  trend0?: number | undefined;
}

export interface ProfiledStates {
  level0: number;
  trend0: number;
  /** SSE at those states, from the normal equations (re-run the filter for an exact value). */
  sse: number;
}

/** Where `profileStates` writes its answer: [ℓ0, b0, SSE]. */
export type StatesOut = Float64Array;
const LEVEL0 = 0;
const TREND0 = 1;
const SSE = 2;

/**
 * For fixed α, β, φ every residual is affine in (ℓ0, b0): e = ẽ + ℓ0·u + b0·v, where ẽ is the
 * residual path from a base start and u, v are the paths of a unit change in ℓ0 or b0 with
 * y = 0. So the best initial states are a 2×2 least-squares solve, found in one pass.
 * States given in `known` stay fixed; the others are solved for, starting from `near`
 * (default ℓ0 = y0, b0 = y1 − y0).
 */
export const profileInitialStates = (
  series: readonly number[],
  smoothing: Smoothing,
  known: KnownStates = {},
  near?: { level0: number; trend0: number },
): ProfiledStates => {
  const first = series[0] ?? 0;
  const point = Float64Array.of(
    smoothing.alpha,
    smoothing.beta,
    smoothing.phi,
    known.level0 ?? near?.level0 ?? first,
    known.trend0 ?? near?.trend0 ?? (series[1] ?? first) - first,
  );
  const out: StatesOut = new Float64Array(3);
  profileStates(series, point, known.level0 === undefined, known.trend0 === undefined, out);
  return { level0: out[LEVEL0] ?? 0, trend0: out[TREND0] ?? 0, sse: out[SSE] ?? 0 };
};

/**
 * `profileInitialStates` without allocating (the fitter calls it thousands of times a fit;
 * numbers pass in a typed array because a double argument to a call V8 does not inline is
 * boxed on the heap): `point` holds α, β, φ and the base ℓ0, b0 the free states are solved
 * from (start near the answer so the closed-form SSE does not cancel catastrophically).
 * Writes [ℓ0, b0, SSE] to `out`.
 */
export const profileStates = (
  series: readonly number[],
  point: Float64Array,
  levelFree: boolean,
  trendFree: boolean,
  out: StatesOut,
): void => {
  const alpha = point[0] ?? 0;
  const beta = point[1] ?? 0;
  const phi = point[2] ?? 0;
  const baseLevel = point[3] ?? 0;
  const baseTrend = point[4] ?? 0;
  const alphaBeta = alpha * beta;
  let level = baseLevel;
  let trend = baseTrend;
  let uLevel = 1;
  let uTrend = 0;
  let vLevel = 0;
  let vTrend = 1;
  let ee = 0;
  let uu = 0;
  let vv = 0;
  let uv = 0;
  let ue = 0;
  let ve = 0;
  for (let t = 0; t < series.length; t++) {
    const forecast = level + phi * trend;
    const error = (series[t] ?? 0) - forecast;
    level = forecast + alpha * error;
    trend = phi * trend + alphaBeta * error;
    const uForecast = uLevel + phi * uTrend;
    uLevel = (1 - alpha) * uForecast;
    uTrend = phi * uTrend - alphaBeta * uForecast;
    const vForecast = vLevel + phi * vTrend;
    vLevel = (1 - alpha) * vForecast;
    vTrend = phi * vTrend - alphaBeta * vForecast;
    // The residual sensitivities are −uForecast and −vForecast.
    ee += error * error;
    uu += uForecast * uForecast;
    vv += vForecast * vForecast;
    uv += uForecast * vForecast;
    ue -= uForecast * error;
    ve -= vForecast * error;
  }
  // Minimise |ẽ + dℓ·u + db·v|² over the free shifts; a degenerate system keeps the base.
  let dLevel = 0;
  let dTrend = 0;
  const det = uu * vv - uv * uv;
  if (levelFree && trendFree && det > 1e-13 * uu * vv) {
    dLevel = (-ue * vv + ve * uv) / det;
    dTrend = (-ve * uu + ue * uv) / det;
  } else if (levelFree && (!trendFree || uu >= vv)) {
    if (uu > 0) dLevel = -ue / uu;
  } else if (trendFree) {
    if (vv > 0) dTrend = -ve / vv;
  }
  out[LEVEL0] = baseLevel + dLevel;
  out[TREND0] = baseTrend + dTrend;
  out[SSE] = Math.max(0, ee + dLevel * ue + dTrend * ve);
};
