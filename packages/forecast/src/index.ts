export {
  ANOMALY_THRESHOLD,
  anomalyScores,
  isAnomalous,
  latestAnomalyScore,
  MAX_ANOMALY_SCORE,
  MIN_BASELINE,
} from './anomaly.ts';
export { MAX_HORIZON, MIN_SERIES_LENGTH, SEARCH_BOX } from './bounds.ts';
export { ForecastInputError } from './errors.ts';
export { fitHolt, type HoltFit, type HoltOptions } from './fit-holt.ts';
export { type Crossing, timeToThreshold } from './time-to-threshold.ts';
