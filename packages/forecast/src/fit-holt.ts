import { ForecastInputError } from './errors.ts';
import { estimate } from './estimate.ts';
import { runHolt } from './holt-filter.ts';
import { predictionIntervals, varianceMultipliers } from './intervals.ts';
import { twoSidedZ } from './normal-quantile.ts';
import { projectTrend } from './projection.ts';
import {
  requireConfidence,
  requireFinite,
  requireHorizon,
  requireSeries,
  requireSmoothing,
} from './validate.ts';

export interface HoltOptions {
  /** Steps to forecast, 1..1000. */
  horizon: number;
  /** Damped trend, ETS(A,Ad,N). Defaults to true when `phi` is given, else false. */
  damped?: boolean;
  /** Level smoothing in (0, 1); fitted when omitted. */
  alpha?: number;
  /** Trend smoothing in (0, 1), statsmodels' `smoothing_trend`; fitted when omitted. */
  beta?: number;
  /** Trend damping in [0.8, 0.98]; damped model only; fitted when omitted. */
  phi?: number;
  /** Initial level ℓ0; fitted when omitted. */
  level0?: number;
  /** Initial trend b0; fitted when omitted. */
  trend0?: number;
  /** Prediction-interval coverage, default 0.95. */
  confidence?: number;
  /**
   * Smoothing to start the search from, e.g. the previous fit of the same series: one local
   * search from there replaces the starting grid (several times faster; may settle in a
   * local optimum the grid would have escaped).
   */
  start?: { alpha: number; beta: number; phi?: number };
}

export interface HoltFit {
  alpha: number;
  beta: number;
  /** Present only for the damped model. */
  phi?: number;
  level0: number;
  trend0: number;
  /** Sum of squared one-step-ahead errors. */
  sse: number;
  /** One-step-ahead forecasts, one per observation. */
  fitted: number[];
  /** Observation minus one-step-ahead forecast. */
  residuals: number[];
  /** Residual variance SSE / (n − k), k = estimated parameters (SSE / 1 if n ≤ k). */
  sigma2: number;
  forecast: number[];
  lower: number[];
  upper: number[];
}

/**
 * Fits Holt's linear trend (or damped trend) by least squares and forecasts `horizon` steps
 * with prediction intervals. A given parameter is held fixed; the rest are fitted.
 * @example
 *   const fit = fitHolt(memoryUsedMb, { horizon: 24, damped: true });
 *   fit.forecast[23]; // 24 steps ahead, between fit.lower[23] and fit.upper[23]
 */
export const fitHolt = (series: readonly number[], options: HoltOptions): HoltFit => {
  requireSeries(series);
  requireHorizon(options.horizon);
  const damped = options.damped ?? options.phi !== undefined;
  if (!damped && options.phi !== undefined) {
    throw new ForecastInputError('phi', 'applies only to the damped model');
  }
  if (options.alpha !== undefined) requireSmoothing(options.alpha, 'alpha');
  if (options.beta !== undefined) requireSmoothing(options.beta, 'beta');
  if (options.phi !== undefined) requireSmoothing(options.phi, 'phi');
  if (options.level0 !== undefined) requireFinite(options.level0, 'level0');
  if (options.trend0 !== undefined) requireFinite(options.trend0, 'trend0');
  const confidence = options.confidence ?? 0.95;
  requireConfidence(confidence);

  const { params, estimatedCount } = estimate(series, { ...options, damped });
  const path = runHolt(series, params);
  const sigma2 = path.sse / Math.max(series.length - estimatedCount, 1);
  const forecast = projectTrend(path.level, path.trend, params.phi, options.horizon);
  const multipliers = varianceMultipliers(params.alpha, params.beta, params.phi, options.horizon);
  const { lower, upper } = predictionIntervals(
    forecast,
    multipliers,
    sigma2,
    twoSidedZ(confidence),
  );
  return {
    alpha: params.alpha,
    beta: params.beta,
    ...(damped ? { phi: params.phi } : {}),
    level0: params.level0,
    trend0: params.trend0,
    sse: path.sse,
    fitted: path.fitted,
    residuals: path.residuals,
    sigma2,
    forecast,
    lower,
    upper,
  };
};
