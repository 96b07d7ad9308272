export { type BuildForecastOptions, buildForecast, MIN_BUCKETS } from './build-forecast.ts';
export {
  DEFAULT_DETECTOR_TUNING,
  type DetectorTuning,
  type RiskDetectorOptions,
} from './detector-options.ts';
export { ForecastCache } from './forecast-cache.ts';
export {
  type ForecastModel,
  ForecastModels,
  type ForecastModelsOptions,
  REFIT_COST,
} from './forecast-models.ts';
export {
  MetricHistory,
  type MetricHistoryOptions,
  type SeriesId,
  type TimeSeries,
} from './history.ts';
export type { HoltModel } from './holt-choice.ts';
export { RiskDetector, type RiskDetectorStats } from './risk-detector.ts';
export {
  type AlertThresholdConfig,
  type Direction,
  isBeyond,
  type MetricThreshold,
  SLOW_METRICS,
  type Thresholds,
  thresholdsFromRules,
} from './thresholds.ts';
export { warmHistory } from './warm.ts';
