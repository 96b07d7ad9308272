import type { PatchPlan, PatchState } from '@watchfloor/domain';

export const TERMINAL: ReadonlySet<PatchState> = new Set(['completed', 'rolled_back', 'failed']);

/** Moves a (copied) plan to `to`, recording when and why. */
export function moveTo(plan: PatchPlan, to: PatchState, at: string, reason: string): void {
  plan.transitions.push({ from: plan.state, to, at, reason });
  plan.state = to;
  plan.updatedAt = at;
}

/** A copy the caller may change without touching the plan it was given. */
export const copyPlan = (plan: PatchPlan): PatchPlan => structuredClone(plan);
