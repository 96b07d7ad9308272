import type { AgentConfig, AgentConfigPatch } from '@watchfloor/domain';

/** Only what differs from the current config: the server versions every change. */
export function configPatch(current: AgentConfig, next: AgentConfig): AgentConfigPatch {
  const patch: AgentConfigPatch = {};
  if (next.automationLevel !== current.automationLevel)
    patch.automationLevel = next.automationLevel;
  if (next.approvalRequired !== current.approvalRequired)
    patch.approvalRequired = next.approvalRequired;
  if (next.enabled !== current.enabled) patch.enabled = next.enabled;
  const thresholds: NonNullable<AgentConfigPatch['thresholds']> = {};
  if (next.thresholds.confidence !== current.thresholds.confidence)
    thresholds.confidence = next.thresholds.confidence;
  if (next.thresholds.maxActionsPerHour !== current.thresholds.maxActionsPerHour)
    thresholds.maxActionsPerHour = next.thresholds.maxActionsPerHour;
  if (Object.keys(thresholds).length > 0) patch.thresholds = thresholds;
  return patch;
}
