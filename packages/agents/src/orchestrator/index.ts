export { modeFor } from './automation.ts';
export { BASELINE_RULES, type BaselineRule, baselineAction } from './baseline.ts';
export type { IncidentView } from './incident-view.ts';
export {
  DEFAULT_BOUNDS,
  DEFAULT_JUDGE,
  type JudgeInput,
  type JudgeOptions,
  type MetricBound,
  type ObservationSnapshot,
  OutcomeJudge,
  type Verdict,
} from './judge.ts';
export {
  type KnowledgeEntry,
  type KnowledgeStore,
  MemoryKnowledgeStore,
} from './knowledge-store.ts';
export { KNOWLEDGE_NAMESPACES, NS } from './namespaces.ts';
export {
  type Decision,
  type JudgedOutcome,
  Orchestrator,
  type OrchestratorOptions,
  type OutcomeDetails,
} from './orchestrator.ts';
export { seededRandom } from './random.ts';
export {
  applicableByTier,
  applicableToTier,
  executorOf,
  REMEDIATIONS,
} from './remediations.ts';
export {
  THRESHOLD_MAX,
  THRESHOLD_MIN,
  THRESHOLD_START,
} from './selector.ts';
export {
  causeOf,
  isInstanceNoise,
  perceive,
  rootCauseEvident,
  SLOW_TREND_SYMPTOMS,
} from './signature.ts';
