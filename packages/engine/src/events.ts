import type { Incident, KillSwitchState, PatchPlan } from '@watchfloor/domain';
import type { WriteBatch } from '@watchfloor/kb';
import { PATCHES_NS } from './rollouts.ts';

export type EngineEvent =
  | { type: 'incident.opened' | 'incident.updated' | 'incident.resolved'; incident: Incident }
  | { type: 'kill_switch.changed'; state: KillSwitchState }
  | { type: 'rollout.state_changed'; plan: PatchPlan };

/** What a stored batch means to subscribers: incidents opened/updated/resolved, switch changes. */
export function* eventsOf(batch: WriteBatch): Generator<EngineEvent> {
  for (const incident of batch.incidents ?? []) {
    const type =
      incident.status === 'resolved'
        ? 'incident.resolved'
        : incident.createdAt === incident.updatedAt
          ? 'incident.opened'
          : 'incident.updated';
    yield { type, incident };
  }
  if (batch.killSwitch) yield { type: 'kill_switch.changed', state: batch.killSwitch };
  for (const item of batch.knowledge ?? []) {
    if (item.namespace !== PATCHES_NS) continue;
    const plan = item.value as PatchPlan;
    // Only writes that carry a new state transition, not every wave measurement.
    if (plan.transitions.at(-1)?.at === plan.updatedAt)
      yield { type: 'rollout.state_changed', plan };
  }
}
