import type { AgentConfig, AutomationLevel, OrchestratorDecision } from '@watchfloor/domain';

const RANK: Readonly<Record<AutomationLevel, number>> = { MANUAL: 0, SEMI_AUTO: 1, AUTO: 2 };

/**
 * What may happen to a recommended action: the stricter of the orchestrator's and the
 * executing agent's automation levels, and never more than approval when escalated.
 */
export function modeFor(
  orchestrator: AgentConfig,
  executor: AgentConfig,
  escalate: boolean,
): OrchestratorDecision['mode'] {
  if (!orchestrator.enabled || !executor.enabled) return 'recommend';
  const level = Math.min(RANK[orchestrator.automationLevel], RANK[executor.automationLevel]);
  if (level === RANK.MANUAL) return 'recommend';
  if (escalate || level === RANK.SEMI_AUTO) return 'await_approval';
  if (orchestrator.approvalRequired || executor.approvalRequired) return 'await_approval';
  return 'act';
}
