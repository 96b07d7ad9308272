import type { KillSwitchState } from '@watchfloor/domain';

export interface GuardedAction {
  /** e.g. `task.restart_service`, `patch.wave` */
  kind: string;
  target: string;
  actor: string;
}

export type GuardOutcome<T> =
  | { status: 'ran'; startedAt: string; result: T }
  | { status: 'blocked'; at: string; reason: string };

/**
 * The one gate every autonomous action and rollout step passes. It reads the kill switch
 * at the moment the action would start, so a plan made before engagement cannot leak past it.
 */
export async function guard<T>(
  killSwitch: () => KillSwitchState,
  now: () => string,
  action: GuardedAction,
  run: (startedAt: string) => Promise<T>,
): Promise<GuardOutcome<T>> {
  const state = killSwitch();
  const at = now();
  if (state.engaged) {
    return {
      status: 'blocked',
      at,
      reason: `kill switch engaged${state.reason ? `: ${state.reason}` : ''} (${action.kind} on ${action.target})`,
    };
  }
  return { status: 'ran', startedAt: at, result: await run(at) };
}
