/**
 * Parametrisation (statsmodels' `Holt`, error-correction form):
 *   ŷ_t = ℓ_{t-1} + φ·b_{t-1}            one-step-ahead forecast, e_t = y_t − ŷ_t
 *   ℓ_t = ŷ_t + α·e_t                    = α·y_t + (1 − α)(ℓ_{t-1} + φ·b_{t-1})
 *   b_t = φ·b_{t-1} + α·β·e_t            = β(ℓ_t − ℓ_{t-1}) + (1 − β)·φ·b_{t-1}
 * so β is statsmodels' `smoothing_trend`, and Hyndman's β* (ETS notation) is α·β.
 * Holt's linear trend is the same recursion with φ = 1.
 */
export interface HoltParameters {
  alpha: number;
  beta: number;
  /** 1 for the undamped model. */
  phi: number;
  level0: number;
  trend0: number;
}

/**
 * A fresh parameter object with one shape; written out because object spread is an order of
 * magnitude slower in the fitting loops.
 */
export const holtParameters = (
  smoothing: { alpha: number; beta: number; phi: number },
  level0: number,
  trend0: number,
): HoltParameters => ({
  alpha: smoothing.alpha,
  beta: smoothing.beta,
  phi: smoothing.phi,
  level0,
  trend0,
});

export interface HoltPath {
  fitted: number[];
  residuals: number[];
  sse: number;
  /** Level and trend after the last observation, where forecasting starts. */
  level: number;
  trend: number;
}

/** Runs the recursion over the whole series, keeping every one-step-ahead forecast. */
export const runHolt = (series: readonly number[], params: HoltParameters): HoltPath => {
  const { alpha, beta, phi } = params;
  const alphaBeta = alpha * beta;
  const fitted = new Array<number>(series.length);
  const residuals = new Array<number>(series.length);
  let level = params.level0;
  let trend = params.trend0;
  let sse = 0;
  for (let t = 0; t < series.length; t++) {
    const forecast = level + phi * trend;
    const error = (series[t] ?? 0) - forecast;
    fitted[t] = forecast;
    residuals[t] = error;
    sse += error * error;
    level = forecast + alpha * error;
    trend = phi * trend + alphaBeta * error;
  }
  return { fitted, residuals, sse, level, trend };
};

/** Sum of squared one-step-ahead errors, without allocating. */
export const holtSse = (series: readonly number[], params: HoltParameters): number => {
  const { alpha, beta, phi } = params;
  const alphaBeta = alpha * beta;
  let level = params.level0;
  let trend = params.trend0;
  let sse = 0;
  for (let t = 0; t < series.length; t++) {
    const forecast = level + phi * trend;
    const error = (series[t] ?? 0) - forecast;
    sse += error * error;
    level = forecast + alpha * error;
    trend = phi * trend + alphaBeta * error;
  }
  return sse;
};
