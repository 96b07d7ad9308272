/** Pseudo-successes the baseline's choice starts with, so learning begins from it. */
export const BASELINE_BONUS = 2;
/** Samples of a signature over which that bonus fades to nothing. */
export const SPARSE_SAMPLES = 10;
/** Most pseudo-samples a signature borrows from its family's other signatures. */
export const FAMILY_PSEUDO_SAMPLES = 4;
/** Most pseudo-samples a signature borrows from all other families together. */
export const GLOBAL_PSEUDO_SAMPLES = 1;
/** Successes (own, borrowed or the operator rule's prior) before an action is exploited. */
export const EXPLOIT_SAMPLES = 1;
/** Posterior mean the best action needs to be exploited without exploring. */
export const EXPLOIT_FLOOR = 0.6;
/** Standard deviations of optimism an action gets while exploring. */
export const EXPLORE_SD = 1;
/**
 * The same signature (the same root cause) on the same service within this long counts as a
 * recurrence. Short: on a busy estate a later, unrelated fault on the service is no failure
 * of the earlier fix.
 */
export const RECURRENCE_WINDOW_MS = 2 * 60_000;
/** Outcome records kept (a ring buffer). */
export const OUTCOME_CAPACITY = 500;
/** Incidents per learning-curve point. */
export const CURVE_BLOCK = 50;
/** Learning-curve points kept. */
export const CURVE_POINTS = 200;
