export { DEFAULT_PATCH_REGRESSION_RATE } from './deploys.ts';
export { createEstate } from './estate.ts';
export { DEFAULT_ENDED_FAULTS_KEPT } from './faults.ts';
export { fingerprint } from './fingerprint.ts';
export { ACTION_TIERS, ROUTINE, rightActions } from './remediation.ts';
export { RULES, THRESHOLDS } from './rules.ts';
export { scenariosForTier } from './scenarios.ts';
export { createSimulator, DEFAULT_START } from './simulator.ts';
export * from './types.ts';
