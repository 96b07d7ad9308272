export { BedrockNarrator, type BedrockNarratorOptions } from './bedrock.ts';
export { type BreakerOptions, type BreakerState, CircuitBreaker } from './breaker.ts';
export { createNarrator, type NarratorConfig, NarratorConfigError } from './create.ts';
export {
  type ActionFact,
  type AlertFact,
  factsFromIncident,
  type IncidentFacts,
  MAX_ALERTS,
  MAX_TIMELINE,
  type TimelineFact,
} from './facts.ts';
export type { FallbackCode, FallbackReason } from './fallback.ts';
export { modelReplySchema, type Narrative, type RecommendedAction } from './narrative.ts';
export type { NarrateOptions, Narrator } from './narrator.ts';
export { recommendActions } from './recommend.ts';
export { type RetryOptions, retry } from './retry.ts';
export { narrateTemplate, TemplateNarrator } from './template.ts';
export { narrateWithin, type WithinOptions } from './within.ts';
