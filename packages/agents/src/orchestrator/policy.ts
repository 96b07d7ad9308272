import type { ActionAlternative, RemediationKind } from '@watchfloor/domain';
import { betaMean, betaSd, sampleBeta } from './beta.ts';
import type { ArmBook } from './policy-book.ts';
import { totalOf } from './policy-book.ts';
import type { Tally } from './read.ts';
import {
  BASELINE_BONUS,
  EXPLOIT_FLOOR,
  EXPLOIT_SAMPLES,
  EXPLORE_SD,
  FAMILY_PSEUDO_SAMPLES,
  GLOBAL_PSEUDO_SAMPLES,
  SPARSE_SAMPLES,
} from './tuning.ts';

/** An action's Beta posterior with the evidence it rests on. */
export interface ArmPosterior {
  kind: RemediationKind;
  alpha: number;
  beta: number;
  /** Outcomes observed for this action under this very signature. */
  samples: number;
}

export interface PolicyInput {
  candidates: readonly RemediationKind[];
  baseline: RemediationKind | null;
  signature: ArmBook;
  family: ArmBook;
  /** Every signature's outcomes pooled: how often an action helps anywhere. */
  global?: ArmBook;
}

/** Pseudo-counts borrowed from a wider pool less the narrower one inside it, at most `cap`. */
function borrow(wide: Tally, narrow: Tally, cap: number): Tally {
  const s = Math.max(0, wide.s - narrow.s);
  const f = Math.max(0, wide.f - narrow.f);
  const n = s + f;
  const weight = n === 0 ? 0 : Math.min(1, cap / n);
  return { s: weight * s, f: weight * f };
}

/**
 * Beta(successes + 1, failures + 1) per action, plus priors: up to a few pseudo-samples from
 * the same family's other signatures, fewer from every other family (an action that never
 * helps anywhere is not worth trying first), and a bonus for the baseline's choice that fades
 * as the signature gathers its own samples.
 */
export function posteriors(input: PolicyInput): ArmPosterior[] {
  const seen = totalOf(input.signature);
  const fade = Math.max(0, 1 - (seen.s + seen.f) / SPARSE_SAMPLES);
  return input.candidates.map((kind) => {
    const none = { s: 0, f: 0 };
    const own = input.signature.arms[kind] ?? none;
    const fam = input.family.arms[kind] ?? none;
    // Each pool's counts include the narrower one's; borrow only the others'.
    const family = borrow(fam, own, FAMILY_PSEUDO_SAMPLES);
    const wider = borrow(input.global?.arms[kind] ?? none, fam, GLOBAL_PSEUDO_SAMPLES);
    const bonus = kind === input.baseline ? BASELINE_BONUS * fade : 0;
    return {
      kind,
      alpha: 1 + own.s + family.s + wider.s + bonus,
      beta: 1 + own.f + family.f + wider.f,
      samples: own.s + own.f,
    };
  });
}

/** Thompson sampling: one draw per action, the highest wins (first listed on a tie). */
export function thompson(arms: readonly ArmPosterior[], random: () => number): ArmPosterior | null {
  let best: ArmPosterior | null = null;
  let bestDraw = -1;
  for (const arm of arms) {
    const draw = sampleBeta(arm.alpha, arm.beta, random);
    if (draw > bestDraw) {
      best = arm;
      bestDraw = draw;
    }
  }
  return best;
}

/**
 * The arm to exploit without sampling: the best posterior mean, once it rests on at least
 * `EXPLOIT_SAMPLES` successes (own, borrowed from the family, or the operator rule's prior)
 * and its mean reaches `EXPLOIT_FLOOR`. A leader that starts failing drops below the floor
 * and exploration resumes. Null while it is still worth exploring.
 */
export function confidentLeader(arms: readonly ArmPosterior[]): ArmPosterior | null {
  let best: ArmPosterior | null = null;
  for (const arm of arms) {
    if (!best || betaMean(arm.alpha, arm.beta) > betaMean(best.alpha, best.beta)) best = arm;
  }
  if (!best) return null;
  const successes = best.alpha - 1;
  return successes >= EXPLOIT_SAMPLES && betaMean(best.alpha, best.beta) >= EXPLOIT_FLOOR
    ? best
    : null;
}

/**
 * Optimistic exploration: the highest posterior mean plus `EXPLORE_SD` standard deviations,
 * so untried actions come before ones that failed here, and actions that help elsewhere
 * before ones that never do. The random jitter only breaks ties.
 */
export function optimistic(
  arms: readonly ArmPosterior[],
  random: () => number,
): ArmPosterior | null {
  let best: ArmPosterior | null = null;
  let bestScore = -1;
  for (const arm of arms) {
    const score =
      betaMean(arm.alpha, arm.beta) + EXPLORE_SD * betaSd(arm.alpha, arm.beta) + 1e-6 * random();
    if (score > bestScore) {
      best = arm;
      bestScore = score;
    }
  }
  return best;
}

/** Exploits a confident leader; otherwise explores optimistically. */
export const choose = (arms: readonly ArmPosterior[], random: () => number): ArmPosterior | null =>
  confidentLeader(arms) ?? optimistic(arms, random);

/** How sure the posterior is that the action works: its mean less half a standard deviation. */
export const armConfidence = (arm: ArmPosterior): number =>
  Math.max(0, betaMean(arm.alpha, arm.beta) - 0.5 * betaSd(arm.alpha, arm.beta));

export const alternativeOf = (arm: ArmPosterior): ActionAlternative => ({
  kind: arm.kind,
  mean: Math.round(betaMean(arm.alpha, arm.beta) * 1000) / 1000,
  samples: arm.samples,
});

/** The posterior the static policy reports when learning is off: the prior alone. */
export const staticArm = (kind: RemediationKind): ArmPosterior => ({
  kind,
  alpha: 1 + BASELINE_BONUS,
  beta: 1,
  samples: 0,
});
