import { SEARCH_BOX } from './bounds.ts';
import { type HoltParameters, holtParameters, holtSse } from './holt-filter.ts';
import { type KnownStates, profileInitialStates, type Smoothing } from './initial-states.ts';
import { type RefineOptions, refine } from './refine.ts';

type SmoothingName = keyof Smoothing;

export interface EstimateRequest {
  damped: boolean;
  alpha?: number | undefined;
  beta?: number | undefined;
  phi?: number | undefined;
  level0?: number | undefined;
  trend0?: number | undefined;
  /** Where the search starts (e.g. an earlier fit's smoothing) instead of a grid. */
  start?: Partial<Smoothing> | undefined;
}

export interface Estimate {
  params: HoltParameters;
  sse: number;
  /** How many parameters were estimated (for the residual variance's degrees of freedom). */
  estimatedCount: number;
}

/** Coarse starting grid; the local search does the fine work. */
const GRID: Record<SmoothingName, readonly number[]> = {
  alpha: [0.01, 0.05, 0.1, 0.2, 0.3, 0.45, 0.6, 0.75, 0.9, 0.99],
  beta: [0.001, 0.01, 0.05, 0.1, 0.2, 0.35, 0.55, 0.8, 0.99],
  phi: [0.8, 0.86, 0.92, 0.98],
};
const STARTS = 3;
/** Every start is taken near its local optimum; only the best is polished to full precision. */
const ROUGH: RefineOptions = { relativeGain: 1e-5, curvature: 'gauss-newton' };
const POLISH: RefineOptions = { relativeGain: 1e-15, curvature: 'newton' };

/**
 * Least-squares fit of the free parameters. ℓ0 and b0 are profiled out exactly for every
 * (α, β, φ) on a grid, the best grid points seed a bounded Levenberg–Marquardt over all free
 * parameters, and the best result wins.
 */
export const estimate = (series: readonly number[], request: EstimateRequest): Estimate => {
  const known: KnownStates = { level0: request.level0, trend0: request.trend0 };
  const fixed: Partial<Smoothing> = {
    alpha: request.alpha,
    beta: request.beta,
    phi: request.damped ? request.phi : 1,
  };
  const smoothingFree = (['alpha', 'beta', 'phi'] as const).filter(
    (name) => fixed[name] === undefined,
  );
  const statesFree = (['level0', 'trend0'] as const).filter((name) => known[name] === undefined);
  const estimatedCount = smoothingFree.length + statesFree.length;

  const from = request.start;
  const points = from
    ? [
        {
          alpha: fixed.alpha ?? inBox('alpha', from.alpha ?? 0.5),
          beta: fixed.beta ?? inBox('beta', from.beta ?? 0.1),
          phi: fixed.phi ?? inBox('phi', from.phi ?? 0.9),
        },
      ]
    : gridPoints(smoothingFree, fixed);
  const starts = points
    .map((smoothing) => {
      const states = profileInitialStates(series, smoothing, known);
      return { params: holtParameters(smoothing, states.level0, states.trend0), score: states.sse };
    })
    .sort((a, b) => a.score - b.score)
    .slice(0, smoothingFree.length === 0 ? 1 : STARTS);

  let best: { params: HoltParameters; sse: number } | null = null;
  for (const { params: start } of starts) {
    const result =
      smoothingFree.length === 0
        ? { params: start, sse: holtSse(series, start) }
        : refine(series, start, smoothingFree, known, ROUGH);
    if (best === null || result.sse < best.sse) best = result;
  }
  if (best === null) throw new Error('no starting point'); // unreachable: the grid is never empty
  if (smoothingFree.length === 0) return { params: best.params, sse: best.sse, estimatedCount };
  const polished = refine(series, best.params, smoothingFree, known, POLISH);
  const winner = polished.sse <= best.sse ? polished : best;
  return { params: winner.params, sse: winner.sse, estimatedCount };
};

const inBox = (name: SmoothingName, value: number): number => {
  const [low, high] = SEARCH_BOX[name];
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : (low + high) / 2;
};

/** Every combination of grid values for the free smoothing parameters, fixed ones held. */
const gridPoints = (free: readonly SmoothingName[], fixed: Partial<Smoothing>): Smoothing[] => {
  const values = (name: SmoothingName, otherwise: number): readonly number[] =>
    free.includes(name) ? GRID[name] : [fixed[name] ?? otherwise];
  // Nested loops (α outermost, φ innermost): the order the sort's ties keep.
  const points: Smoothing[] = [];
  for (const alpha of values('alpha', 0.5))
    for (const beta of values('beta', 0.1))
      for (const phi of values('phi', 1)) points.push({ alpha, beta, phi });
  return points;
};
