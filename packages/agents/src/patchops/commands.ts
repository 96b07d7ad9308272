import type { PatchPlan } from '@watchfloor/domain';
import { requestRollback } from './advance.ts';
import { copyPlan, moveTo, TERMINAL } from './transitions.ts';

/** An operator command's outcome: the new plan, or why it does not apply (an API 409). */
export type CommandResult = { ok: true; plan: PatchPlan } | { ok: false; reason: string };

const finished = (plan: PatchPlan): CommandResult => ({
  ok: false,
  reason: `${plan.id} already ${plan.state.replace('_', ' ')}`,
});

export function approvePlan(plan: PatchPlan, by: string, now: string): CommandResult {
  if (TERMINAL.has(plan.state)) return finished(plan);
  if (plan.approvedBy !== null)
    return { ok: false, reason: `already approved by ${plan.approvedBy}` };
  const p = copyPlan(plan);
  p.approvedBy = by;
  p.approvedAt = now;
  p.updatedAt = now;
  return { ok: true, plan: p };
}

/** Halts a running plan now (e.g. when the kill switch engages), before its next step. */
export function haltPlan(plan: PatchPlan, reason: string, now: string): CommandResult {
  if (TERMINAL.has(plan.state)) return finished(plan);
  if (plan.state === 'halted') return { ok: false, reason: `${plan.id} is already halted` };
  const p = copyPlan(plan);
  p.haltedFrom = p.state;
  moveTo(p, 'halted', now, reason);
  return { ok: true, plan: p };
}

/** Continues a halted plan in the state it halted in; steps blocked meanwhile are reissued. */
export function resumePlan(plan: PatchPlan, by: string, now: string): CommandResult {
  if (plan.state !== 'halted' || plan.haltedFrom === null) {
    return { ok: false, reason: `${plan.id} is ${plan.state.replace('_', ' ')}, not halted` };
  }
  const p = copyPlan(plan);
  const to = plan.haltedFrom;
  p.haltedFrom = null;
  for (const w of p.waves) if (w.state === 'deploying') w.attempts = 0;
  if (p.rollback) p.rollback.attempts = 0;
  moveTo(p, to, now, `resumed by ${by}`);
  return { ok: true, plan: p };
}

/**
 * Stops a rollout and rolls back every touched host (one rollback step per `advance`). A plan
 * that changed no host ends `rolled_back` at once; a halted one resumes only to roll back.
 */
export function abortPlan(plan: PatchPlan, by: string, reason: string, now: string): CommandResult {
  if (TERMINAL.has(plan.state)) return finished(plan);
  const p = copyPlan(plan);
  const why = `aborted by ${by}: ${reason}`;
  const touched = p.waves.some((w) => w.state !== 'pending');
  if (!touched) {
    p.haltedFrom = null;
    moveTo(p, 'rolled_back', now, `${why}; no host had changed`);
    return { ok: true, plan: p };
  }
  requestRollback(p, now, why);
  if (p.state === 'halted' && p.haltedFrom !== null) {
    const to = p.haltedFrom;
    p.haltedFrom = null;
    moveTo(p, to, now, `${why}; rolling back`);
  }
  return { ok: true, plan: p };
}
