import { z } from 'zod';
import { AgentId } from './agent.ts';
import { IsoTime } from './common.ts';
import { Tier } from './topology.ts';

/** Runbook actions the orchestrator can recommend against a service. */
export const RemediationKind = z.enum([
  'restart_service',
  'clear_cache',
  'scale_out',
  'scale_in',
  'failover_region',
  'rollback_deploy',
  'rotate_logs',
  'free_disk',
  'backup_datastore',
  'verify_backup',
]);
export type RemediationKind = z.infer<typeof RemediationKind>;

const ALL_TIERS = Tier.options;

/**
 * Tiers each runbook action can run on: the estate's runbook catalogue, shared by the
 * simulator, TaskOps and the orchestrator. Every service can restart, scale, fail over, roll
 * back, rotate logs and free disk; only caches clear and only datastores back up.
 */
export const RUNBOOK_TIERS: Readonly<Record<RemediationKind, readonly Tier[]>> = {
  restart_service: ALL_TIERS,
  clear_cache: ['cache'],
  scale_out: ALL_TIERS,
  scale_in: ALL_TIERS,
  failover_region: ALL_TIERS,
  rollback_deploy: ALL_TIERS,
  rotate_logs: ALL_TIERS,
  free_disk: ALL_TIERS,
  backup_datastore: ['datastore'],
  verify_backup: ['datastore'],
};

/**
 * What an incident looks like, in features any operator could see (never a scenario or
 * fault id). Incidents with the same `key` share learned statistics; `family` is the
 * coarser key (root tier and root-cause alerts) that lends evidence to sparse signatures.
 */
export const IncidentSignature = z.object({
  key: z.string(),
  family: z.string(),
  alertNames: z.array(z.string()),
  /** Symptom metrics implied by the alert names, e.g. `error_rate`, `disk`. */
  symptoms: z.array(z.string()),
  rootTier: Tier.nullable(),
  multiService: z.boolean(),
});
export type IncidentSignature = z.infer<typeof IncidentSignature>;

export const RecommendedAction = z.object({
  kind: RemediationKind,
  service: z.string(),
  /** The agent that would carry it out. */
  executor: z.enum(['taskops', 'patchops']),
});
export type RecommendedAction = z.infer<typeof RecommendedAction>;

export const ActionAlternative = z.object({
  kind: RemediationKind,
  /** Posterior mean success probability. */
  mean: z.number(),
  samples: z.number().int().nonnegative(),
});
export type ActionAlternative = z.infer<typeof ActionAlternative>;

/**
 * The orchestrator's decision for one incident. `mode` says what may happen next:
 * `act` (run it), `await_approval` (an operator approves first), `recommend` (show only).
 */
export const OrchestratorDecision = z.object({
  incidentId: z.string(),
  signature: IncidentSignature,
  agents: z.array(AgentId),
  action: RecommendedAction.nullable(),
  /** What the static operator rules would have chosen. */
  baseline: RemediationKind.nullable(),
  confidence: z.number().min(0).max(1),
  escalate: z.boolean(),
  mode: z.enum(['act', 'await_approval', 'recommend']),
  reason: z.string(),
  alternatives: z.array(ActionAlternative),
  learning: z.boolean(),
  openedAt: IsoTime,
  decidedAt: IsoTime,
  /** An earlier incident this one recurs, whose outcome was marked failed. */
  recurrenceOf: z.string().nullable(),
});
export type OrchestratorDecision = z.infer<typeof OrchestratorDecision>;

/**
 * `recurred`: mitigated at first, but the same signature came back on the same service
 * soon after; `escalated`: no action ran (declined, or nothing to run).
 */
export const OutcomeStatus = z.enum([
  'mitigated',
  'not_mitigated',
  'worsened',
  'recurred',
  'escalated',
]);
export type OutcomeStatus = z.infer<typeof OutcomeStatus>;

export const ActionResultStatus = z.enum([
  'succeeded',
  'failed',
  'rolled_back',
  'blocked',
  'not_run',
]);
export type ActionResultStatus = z.infer<typeof ActionResultStatus>;

export const ResidualRisk = z.enum(['none', 'low', 'medium', 'high']);
export type ResidualRisk = z.infer<typeof ResidualRisk>;

/** A compact record of how one incident ended, appended to a bounded history. */
export const OutcomeRecord = z.object({
  incidentId: z.string(),
  signature: z.string(),
  service: z.string().nullable(),
  status: OutcomeStatus,
  /** Counts toward the learned success rates. */
  success: z.boolean(),
  agentsUsed: z.array(AgentId),
  actions: z.array(
    z.object({ kind: RemediationKind, service: z.string(), result: ActionResultStatus }),
  ),
  residualRisk: ResidualRisk,
  /** From incident open to mitigation, virtual ms; null when not mitigated. */
  timeToMitigateMs: z.number().nonnegative().nullable(),
  confidence: z.number().min(0).max(1),
  escalated: z.boolean(),
  learning: z.boolean(),
  recordedAt: IsoTime,
  recurredAt: IsoTime.nullable(),
  /** Position in the whole outcome sequence, from 0. */
  seq: z.number().int().nonnegative(),
});
export type OutcomeRecord = z.infer<typeof OutcomeRecord>;

export const SignatureStats = z.object({
  signature: z.string(),
  samples: z.number().int().nonnegative(),
  successRate: z.number().min(0).max(1).nullable(),
  bestAction: ActionAlternative.nullable(),
  lastSeenAt: IsoTime.nullable(),
});
export type SignatureStats = z.infer<typeof SignatureStats>;

/** One point of the learning curve: first-action success over a block of 50 incidents. */
export const LearningCurvePoint = z.object({
  learning: z.boolean(),
  from: z.number().int().nonnegative(),
  to: z.number().int().nonnegative(),
  incidents: z.number().int().nonnegative(),
  firstActionSuccessRate: z.number().min(0).max(1).nullable(),
});
export type LearningCurvePoint = z.infer<typeof LearningCurvePoint>;

export const LearningStats = z.object({
  learning: z.boolean(),
  relevanceThreshold: z.number(),
  totals: z.object({
    outcomes: z.number().int().nonnegative(),
    mitigated: z.number().int().nonnegative(),
    notMitigated: z.number().int().nonnegative(),
    worsened: z.number().int().nonnegative(),
    recurred: z.number().int().nonnegative(),
    escalated: z.number().int().nonnegative(),
    successRate: z.number().min(0).max(1).nullable(),
  }),
  signatures: z.array(SignatureStats),
  agents: z.array(
    z.object({
      id: AgentId,
      samples: z.number().int().nonnegative(),
      successRate: z.number().min(0).max(1).nullable(),
    }),
  ),
  curve: z.array(LearningCurvePoint),
});
export type LearningStats = z.infer<typeof LearningStats>;
