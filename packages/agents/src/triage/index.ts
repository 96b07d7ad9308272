export { analyzeEvent, missingFields } from './analyze.ts';
export { RULES as TRIAGE_RULES } from './rules.ts';
