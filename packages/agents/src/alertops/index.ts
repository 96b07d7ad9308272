export type { Assessment } from './assessment.ts';
export { BASELINE_WINDOW_MS, baselineGroups } from './baseline.ts';
export { AlertCorrelator, type Placement } from './correlator.ts';
export { type CorrelatorOptions, DEFAULT_TUNING } from './options.ts';
export { type PairwiseScores, pairwiseScores } from './scores.ts';
