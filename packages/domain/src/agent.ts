import { z } from 'zod';
import { IsoTime } from './common.ts';

export const AgentId = z.enum(['alertops', 'predictiveops', 'patchops', 'taskops', 'orchestrator']);
export type AgentId = z.infer<typeof AgentId>;

/** MANUAL recommends only, SEMI_AUTO acts after an operator approves, AUTO acts alone. */
export const AutomationLevel = z.enum(['MANUAL', 'SEMI_AUTO', 'AUTO']);
export type AutomationLevel = z.infer<typeof AutomationLevel>;

export const AgentThresholds = z
  .object({
    /** Below this confidence (0..1) a decision is escalated to a human. */
    confidence: z.number().min(0).max(1),
    /** Most autonomous actions the agent may start in one virtual hour. */
    maxActionsPerHour: z.number().int().min(0).max(10_000),
  })
  .strict();
export type AgentThresholds = z.infer<typeof AgentThresholds>;

export const AgentConfig = z
  .object({
    enabled: z.boolean(),
    automationLevel: AutomationLevel,
    /** Every action waits for an operator, whatever the automation level. */
    approvalRequired: z.boolean(),
    thresholds: AgentThresholds,
  })
  .strict();
export type AgentConfig = z.infer<typeof AgentConfig>;

/** A partial change; unknown fields are refused so a typo cannot silently do nothing. */
export const AgentConfigPatch = z
  .object({
    enabled: z.boolean().optional(),
    automationLevel: AutomationLevel.optional(),
    approvalRequired: z.boolean().optional(),
    thresholds: AgentThresholds.partial().strict().optional(),
  })
  .strict();
export type AgentConfigPatch = z.infer<typeof AgentConfigPatch>;

/** One entry of an agent's append-only configuration history. */
export const AgentConfigVersion = z.object({
  agentId: AgentId,
  version: z.number().int().positive(),
  config: AgentConfig,
  author: z.string(),
  at: IsoTime,
  reason: z.string(),
  /** The version this one restored, when it is a rollback. */
  rollbackOf: z.number().int().positive().nullable(),
});
export type AgentConfigVersion = z.infer<typeof AgentConfigVersion>;

/** Body of `PATCH /api/agents/:id/config`. */
export const AgentConfigUpdateInput = z
  .object({ patch: AgentConfigPatch, reason: z.string().trim().min(1).max(500) })
  .strict();
export type AgentConfigUpdateInput = z.infer<typeof AgentConfigUpdateInput>;

/** Body of `POST /api/agents/:id/config/rollback`. */
export const AgentConfigRollbackInput = z
  .object({
    version: z.number().int().positive(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict();
export type AgentConfigRollbackInput = z.infer<typeof AgentConfigRollbackInput>;

export const AgentState = z.enum(['registered', 'initialized', 'running', 'stopped']);
export type AgentState = z.infer<typeof AgentState>;

/** healthy; degraded when errors are recent; down when stopped or its heartbeat is stale. */
export const AgentHealth = z.enum(['healthy', 'degraded', 'down']);
export type AgentHealth = z.infer<typeof AgentHealth>;

export const AgentCounters = z.object({
  runs: z.number().int().nonnegative(),
  successes: z.number().int().nonnegative(),
  failures: z.number().int().nonnegative(),
});
export type AgentCounters = z.infer<typeof AgentCounters>;

/** What the learning loop knows about one agent's contribution. */
export const AgentLearning = z.object({
  enabled: z.boolean(),
  /** Incidents with a recorded outcome the agent took part in. */
  samples: z.number().int().nonnegative(),
  /** Share of those that were mitigated; null before any. */
  successRate: z.number().min(0).max(1).nullable(),
  /** The selector's relevance threshold now (50..85). */
  relevanceThreshold: z.number(),
  /** Signatures with learned statistics. */
  signatures: z.number().int().nonnegative(),
});
export type AgentLearning = z.infer<typeof AgentLearning>;

export const AgentStatus = z.object({
  id: AgentId,
  name: z.string(),
  role: z.string(),
  state: AgentState,
  health: AgentHealth,
  lastHeartbeat: IsoTime.nullable(),
  errors: z.number().int().nonnegative(),
  lastError: z.object({ at: IsoTime, message: z.string() }).nullable(),
  config: AgentConfig,
  configVersion: z.number().int().positive(),
  counters: AgentCounters,
  /** successes / (successes + failures); null before any. */
  successRate: z.number().min(0).max(1).nullable(),
  learning: AgentLearning.nullable(),
});
export type AgentStatus = z.infer<typeof AgentStatus>;
