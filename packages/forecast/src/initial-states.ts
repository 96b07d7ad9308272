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
  const { alpha, beta, phi } = smoothing;
  const alphaBeta = alpha * beta;
  const first = series[0] ?? 0;
  // Start near the answer so the closed-form SSE does not cancel catastrophically.
  const baseLevel = known.level0 ?? near?.level0 ?? first;
  const baseTrend = known.trend0 ?? near?.trend0 ?? (series[1] ?? first) - first;
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
  const [dLevel, dTrend] = solveShift(
    known.level0 === undefined,
    known.trend0 === undefined,
    uu,
    uv,
    vv,
    ue,
    ve,
  );
  const sse = Math.max(0, ee + dLevel * ue + dTrend * ve);
  return { level0: baseLevel + dLevel, trend0: baseTrend + dTrend, sse };
};

/** Minimises |ẽ + dℓ·u + db·v|² over the free shifts; a degenerate system keeps the base. */
const solveShift = (
  levelFree: boolean,
  trendFree: boolean,
  uu: number,
  uv: number,
  vv: number,
  ue: number,
  ve: number,
): [number, number] => {
  const levelOnly = (): [number, number] => (uu > 0 ? [-ue / uu, 0] : [0, 0]);
  const trendOnly = (): [number, number] => (vv > 0 ? [0, -ve / vv] : [0, 0]);
  if (levelFree && trendFree) {
    const det = uu * vv - uv * uv;
    if (det > 1e-13 * uu * vv) return [(-ue * vv + ve * uv) / det, (-ve * uu + ue * uv) / det];
    return uu >= vv ? levelOnly() : trendOnly();
  }
  if (levelFree) return levelOnly();
  if (trendFree) return trendOnly();
  return [0, 0];
};
