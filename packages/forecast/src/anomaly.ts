import { median, medianAbsoluteDeviation } from 'simple-statistics';
import { ForecastInputError } from './errors.ts';
import { requireFiniteValues } from './validate.ts';

/** |score| above this marks a point as anomalous (Iglewicz & Hoaglin's cut-off). */
export const ANOMALY_THRESHOLD = 3.5;
/** Scales the MAD to a standard deviation under normal errors. */
const MAD_TO_SIGMA = 1.4826;
/** Scales the mean absolute deviation to a standard deviation when the MAD is 0. */
const MEAN_AD_TO_SIGMA = 1.2533;
/** Fewest earlier residuals a score is computed from; earlier points score 0. */
export const MIN_BASELINE = 5;
/** A deviation from a spread-free baseline scores this instead of infinity (JSON-safe). */
export const MAX_ANOMALY_SCORE = 1e6;

/**
 * Robust z-score of each residual against the `window` residuals before it:
 * (r_t − median) / (1.4826·MAD). The point itself is left out of its baseline so a spike
 * cannot mask itself; points with fewer than MIN_BASELINE earlier residuals score 0.
 * @example anomalyScores(fit.residuals, 48).map(isAnomalous)
 */
export const anomalyScores = (residuals: readonly number[], window = 48): number[] => {
  requireScoreInput(residuals, window);
  return residuals.map((value, t) => scoreAt(residuals, t, value, window));
};

/** Score of the newest residual (0 for an empty or too-short history). */
export const latestAnomalyScore = (residuals: readonly number[], window = 48): number => {
  requireScoreInput(residuals, window);
  const last = residuals.length - 1;
  return last < 0 ? 0 : scoreAt(residuals, last, residuals[last] ?? 0, window);
};

export const isAnomalous = (score: number): boolean => Math.abs(score) > ANOMALY_THRESHOLD;

const scoreAt = (residuals: readonly number[], t: number, value: number, window: number) => {
  if (t < MIN_BASELINE) return 0;
  const baseline = residuals.slice(Math.max(0, t - window), t);
  const centre = median(baseline);
  const mad = medianAbsoluteDeviation(baseline);
  const meanAd = baseline.reduce((sum, r) => sum + Math.abs(r - centre), 0) / baseline.length;
  const scale = mad > 0 ? MAD_TO_SIGMA * mad : MEAN_AD_TO_SIGMA * meanAd;
  const deviation = value - centre;
  if (scale > 0) return clamp(deviation / scale);
  return deviation === 0 ? 0 : Math.sign(deviation) * MAX_ANOMALY_SCORE;
};

const clamp = (score: number): number =>
  Math.max(-MAX_ANOMALY_SCORE, Math.min(MAX_ANOMALY_SCORE, score));

const requireScoreInput = (residuals: readonly number[], window: number): void => {
  if (!Array.isArray(residuals)) throw new ForecastInputError('residuals', 'must be an array');
  requireFiniteValues(residuals, 'residuals');
  if (!Number.isInteger(window) || window < MIN_BASELINE) {
    throw new ForecastInputError('window', `must be an integer ≥ ${MIN_BASELINE}`);
  }
};
