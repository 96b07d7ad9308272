import { fitHolt, type HoltFit } from '@watchfloor/forecast';

export interface ChosenFit {
  fit: HoltFit;
  damped: boolean;
}

/** Akaike's criterion for a least-squares fit with `k` estimated parameters. */
const aic = (sse: number, n: number, k: number): number =>
  n * Math.log(Math.max(sse, Number.MIN_VALUE) / n) + 2 * k;

/**
 * Fits Holt's linear trend and the damped trend, and keeps the damped one only when its AIC
 * (one parameter more: φ) is lower. A damped fit the fitter refuses falls back to linear.
 */
export const chooseHolt = (series: readonly number[], horizon: number): ChosenFit => {
  const linear = fitHolt(series, { horizon });
  let damped: HoltFit;
  try {
    damped = fitHolt(series, { horizon, damped: true });
  } catch {
    return { fit: linear, damped: false };
  }
  const n = series.length;
  return aic(damped.sse, n, 5) < aic(linear.sse, n, 4)
    ? { fit: damped, damped: true }
    : { fit: linear, damped: false };
};
