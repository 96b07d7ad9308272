/** Shortest series a trend model is fitted to. */
export const MIN_SERIES_LENGTH = 4;
/** Longest forecast horizon, in steps. */
export const MAX_HORIZON = 1000;

/**
 * Where the optimiser searches. α and β are open intervals (0, 1) for callers; the optimiser
 * stays 1e-12 inside them so it can sit on a boundary optimum (e.g. β → 0 for a straight
 * trend, where statsmodels reaches exactly 0) without ever producing 0 or 1. φ is closed,
 * [0.8, 0.98] as in Hyndman's `forecast::ets` (statsmodels' default allows up to 0.995).
 */
export const SEARCH_BOX = {
  alpha: [1e-12, 1 - 1e-12],
  beta: [1e-12, 1 - 1e-12],
  phi: [0.8, 0.98],
} as const satisfies Record<string, readonly [number, number]>;

export type SmoothingName = keyof typeof SEARCH_BOX;
