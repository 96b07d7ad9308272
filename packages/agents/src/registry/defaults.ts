import type { AgentConfig, AgentId } from '@watchfloor/domain';

export const AGENT_IDS: readonly AgentId[] = [
  'alertops',
  'predictiveops',
  'patchops',
  'taskops',
  'orchestrator',
];

export interface AgentProfile {
  name: string;
  role: string;
}

export const AGENT_PROFILES: Readonly<Record<AgentId, AgentProfile>> = {
  alertops: {
    name: 'AlertOps',
    role: 'Correlates alerts into incidents and names the suspected root service.',
  },
  predictiveops: {
    name: 'PredictiveOps',
    role: 'Forecasts metrics and warns before slow trends (memory, disk) cross thresholds.',
  },
  patchops: {
    name: 'PatchOps',
    role: 'Plans and runs safe rollouts and rollbacks: preflight, canary, verification, waves.',
  },
  taskops: {
    name: 'TaskOps',
    role: 'Runs runbook actions: restarts, cache clears, scaling, failover, disk and backups.',
  },
  orchestrator: {
    name: 'Orchestrator',
    role: 'Chooses agents and remediations per incident and learns from observed outcomes.',
  },
};

/**
 * Starting configuration. Agents that only observe run alone; patches wait for an operator,
 * since a bad rollout costs more than a slower one.
 */
export const DEFAULT_AGENT_CONFIGS: Readonly<Record<AgentId, AgentConfig>> = {
  alertops: {
    enabled: true,
    automationLevel: 'AUTO',
    approvalRequired: false,
    thresholds: { confidence: 0.5, maxActionsPerHour: 0 },
  },
  predictiveops: {
    enabled: true,
    automationLevel: 'AUTO',
    approvalRequired: false,
    thresholds: { confidence: 0.6, maxActionsPerHour: 0 },
  },
  patchops: {
    enabled: true,
    // Low-risk rollouts run on their own (canary analysis guards them); risky plans still
    // wait for an operator because the plan itself requires approval above its risk limit.
    automationLevel: 'AUTO',
    approvalRequired: false,
    thresholds: { confidence: 0.7, maxActionsPerHour: 6 },
  },
  taskops: {
    enabled: true,
    automationLevel: 'AUTO',
    approvalRequired: false,
    thresholds: { confidence: 0.5, maxActionsPerHour: 30 },
  },
  orchestrator: {
    enabled: true,
    automationLevel: 'AUTO',
    approvalRequired: false,
    thresholds: { confidence: 0.5, maxActionsPerHour: 60 },
  },
};
