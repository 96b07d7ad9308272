import type { ActionAlternative, RemediationKind } from '@watchfloor/domain';
import { betaMean, betaSd, sampleBeta } from './beta.ts';
import type { ArmBook } from './policy-book.ts';
import { totalOf } from './policy-book.ts';
import { BASELINE_BONUS, FAMILY_PSEUDO_SAMPLES, SPARSE_SAMPLES } from './tuning.ts';

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
}

/**
 * Beta(successes + 1, failures + 1) per action, plus two priors: up to a few pseudo-samples
 * from the same family's other signatures, and a bonus for the baseline's choice that fades
 * as the signature gathers its own samples.
 */
export function posteriors(input: PolicyInput): ArmPosterior[] {
  const seen = totalOf(input.signature);
  const fade = Math.max(0, 1 - (seen.s + seen.f) / SPARSE_SAMPLES);
  return input.candidates.map((kind) => {
    const own = input.signature.arms[kind] ?? { s: 0, f: 0 };
    const fam = input.family.arms[kind] ?? { s: 0, f: 0 };
    // The family's counts include this signature's own; borrow only the others'.
    const otherS = Math.max(0, fam.s - own.s);
    const otherF = Math.max(0, fam.f - own.f);
    const otherN = otherS + otherF;
    const weight = otherN === 0 ? 0 : Math.min(1, FAMILY_PSEUDO_SAMPLES / otherN);
    const bonus = kind === input.baseline ? BASELINE_BONUS * fade : 0;
    return {
      kind,
      alpha: 1 + own.s + weight * otherS + bonus,
      beta: 1 + own.f + weight * otherF,
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
