import { ForecastInputError } from './errors.ts';
import { requireFinite, requireFiniteValues } from './validate.ts';

export type Crossing = 'above' | 'below';

/**
 * Seconds from the last observation until the forecast first reaches `threshold`
 * (≥ for 'above', ≤ for 'below'), or null if it never does within the forecast.
 * `forecast[i]` is taken to be (i + 1)·stepSeconds ahead; between steps the crossing is
 * linearly interpolated, and a first step already past the threshold gives one step.
 * @example timeToThreshold(fit.forecast, 0.9 * diskBytes, 300) // e.g. 4500 → 75 min
 */
export const timeToThreshold = (
  forecast: readonly number[],
  threshold: number,
  stepSeconds: number,
  direction: Crossing = 'above',
): number | null => {
  if (!Array.isArray(forecast)) throw new ForecastInputError('forecast', 'must be an array');
  requireFiniteValues(forecast, 'forecast');
  requireFinite(threshold, 'threshold');
  requireFinite(stepSeconds, 'stepSeconds');
  if (stepSeconds <= 0) throw new ForecastInputError('stepSeconds', 'must be positive');
  if (direction !== 'above' && direction !== 'below') {
    throw new ForecastInputError('direction', "must be 'above' or 'below'");
  }
  const reached = (value: number) =>
    direction === 'above' ? value >= threshold : value <= threshold;
  for (let i = 0; i < forecast.length; i++) {
    const value = forecast[i] ?? 0;
    if (!reached(value)) continue;
    const previous = forecast[i - 1];
    if (previous === undefined) return stepSeconds;
    const fraction = (threshold - previous) / (value - previous);
    return (i + fraction) * stepSeconds;
  }
  return null;
};
