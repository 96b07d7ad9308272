/**
 * Forecast-variance multipliers v_h with Var(y_{n+h} | n) = σ²·v_h, for the additive-error
 * ETS(A,A,N) / ETS(A,Ad,N) models (Hyndman et al. 2008, class 1):
 *   v_h = 1 + Σ_{j=1}^{h−1} c_j²,  c_j = α + α·β·(φ + φ² + … + φ^j)
 * with β as statsmodels' `smoothing_trend` (Hyndman's β* = α·β). For φ = 1 this is
 * c_j = α(1 + β·j); for φ < 1 the sum is φ(1 − φ^j)/(1 − φ).
 */
export const varianceMultipliers = (
  alpha: number,
  beta: number,
  phi: number,
  horizon: number,
): number[] => {
  const multipliers: number[] = [];
  let total = 1;
  let damping = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    multipliers.push(total);
    power *= phi;
    damping += power;
    const c = alpha + alpha * beta * damping;
    total += c * c;
  }
  return multipliers;
};

export interface Interval {
  lower: number[];
  upper: number[];
}

/** Symmetric normal prediction intervals forecast ± z·σ·√v_h. */
export const predictionIntervals = (
  forecast: readonly number[],
  multipliers: readonly number[],
  sigma2: number,
  z: number,
): Interval => {
  const halfWidths = multipliers.map((v) => z * Math.sqrt(sigma2 * v));
  return {
    lower: forecast.map((value, h) => value - (halfWidths[h] ?? 0)),
    upper: forecast.map((value, h) => value + (halfWidths[h] ?? 0)),
  };
};
