import type { AgentHealth, AgentState } from '@watchfloor/domain';

export interface HealthPolicy {
  /** No heartbeat for this long (virtual ms) means down. */
  downAfterMs: number;
  /** An error within this long (virtual ms) means degraded. */
  degradedForMs: number;
}

export const DEFAULT_HEALTH: HealthPolicy = { downAfterMs: 30_000, degradedForMs: 120_000 };

export interface HealthInputs {
  state: AgentState;
  lastHeartbeat: string | null;
  lastErrorAt: string | null;
  now: string;
}

/** Down when not running or silent too long; degraded after a recent error; else healthy. */
export function deriveHealth(
  inputs: HealthInputs,
  policy: HealthPolicy = DEFAULT_HEALTH,
): AgentHealth {
  const now = Date.parse(inputs.now);
  if (inputs.state !== 'running' || inputs.lastHeartbeat === null) return 'down';
  if (now - Date.parse(inputs.lastHeartbeat) > policy.downAfterMs) return 'down';
  if (inputs.lastErrorAt !== null && now - Date.parse(inputs.lastErrorAt) <= policy.degradedForMs) {
    return 'degraded';
  }
  return 'healthy';
}
