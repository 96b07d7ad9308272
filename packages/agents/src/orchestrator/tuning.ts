/** Pseudo-successes the baseline's choice starts with, so learning begins from it. */
export const BASELINE_BONUS = 2;
/** Samples of a signature over which that bonus fades to nothing. */
export const SPARSE_SAMPLES = 10;
/** Most pseudo-samples a signature borrows from its family's other signatures. */
export const FAMILY_PSEUDO_SAMPLES = 4;
/** The same signature on the same service within this long counts as a recurrence. */
export const RECURRENCE_WINDOW_MS = 30 * 60_000;
/** Outcome records kept (a ring buffer). */
export const OUTCOME_CAPACITY = 500;
/** Incidents per learning-curve point. */
export const CURVE_BLOCK = 50;
/** Learning-curve points kept. */
export const CURVE_POINTS = 200;
