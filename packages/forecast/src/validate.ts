import { MAX_HORIZON, MIN_SERIES_LENGTH, SEARCH_BOX } from './bounds.ts';
import { ForecastInputError } from './errors.ts';

export const requireSeries = (series: readonly number[], field = 'series'): void => {
  if (!Array.isArray(series)) throw new ForecastInputError(field, 'must be an array of numbers');
  if (series.length < MIN_SERIES_LENGTH) {
    throw new ForecastInputError(field, `needs at least ${MIN_SERIES_LENGTH} points`);
  }
  requireFiniteValues(series, field);
};

export const requireFiniteValues = (values: readonly number[], field: string): void => {
  // A loop, not forEach: a callback would box every double it is handed.
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new ForecastInputError(field, `point ${index} is not a finite number`);
    }
  }
};

export const requireHorizon = (horizon: number): void => {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) {
    throw new ForecastInputError('horizon', `must be an integer in 1..${MAX_HORIZON}`);
  }
};

export const requireFinite = (value: number, field: string): void => {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ForecastInputError(field, 'must be a finite number');
  }
};

/** α and β are open (0, 1); φ is closed [0.8, 0.98]. */
export const requireSmoothing = (value: number, field: 'alpha' | 'beta' | 'phi'): void => {
  requireFinite(value, field);
  if (field === 'phi') {
    const [low, high] = SEARCH_BOX.phi;
    if (value < low || value > high) {
      throw new ForecastInputError(field, `must be within [${low}, ${high}]`);
    }
  } else if (value <= 0 || value >= 1) {
    throw new ForecastInputError(field, 'must be strictly between 0 and 1');
  }
};

export const requireConfidence = (confidence: number): void => {
  requireFinite(confidence, 'confidence');
  if (confidence <= 0 || confidence >= 1) {
    throw new ForecastInputError('confidence', 'must be strictly between 0 and 1');
  }
};
