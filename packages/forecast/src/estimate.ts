import { SEARCH_BOX } from './bounds.ts';
import { type HoltParameters, holtParameters, holtSse } from './holt-filter.ts';
import { type KnownStates, profileStates, type Smoothing } from './initial-states.ts';
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
  const levelFree = known.level0 === undefined;
  const trendFree = known.trend0 === undefined;
  const estimatedCount = smoothingFree.length + Number(levelFree) + Number(trendFree);

  const keep = smoothingFree.length === 0 ? 1 : STARTS;
  const first = series[0] ?? 0;
  const ranking: Ranking = {
    series,
    levelFree,
    trendFree,
    point: new Float64Array(5),
    states: new Float64Array(3),
    keep,
    count: 0,
    scores: new Float64Array(keep),
    kept: new Float64Array(keep * 5),
  };
  const { point, kept } = ranking;
  point[3] = known.level0 ?? first;
  point[4] = known.trend0 ?? (series[1] ?? first) - first;
  const from = request.start;
  if (from) {
    point[0] = fixed.alpha ?? inBox('alpha', from.alpha ?? 0.5);
    point[1] = fixed.beta ?? inBox('beta', from.beta ?? 0.1);
    point[2] = fixed.phi ?? inBox('phi', from.phi ?? 0.9);
    rank(ranking);
  } else {
    // Nested loops (α outermost, φ innermost) over the free parameters' grid, fixed ones held.
    const values = (name: SmoothingName, otherwise: number): readonly number[] =>
      smoothingFree.includes(name) ? GRID[name] : [fixed[name] ?? otherwise];
    const alphas = values('alpha', 0.5);
    const betas = values('beta', 0.1);
    const phis = values('phi', 1);
    for (let a = 0; a < alphas.length; a++) {
      point[0] = alphas[a] ?? 0;
      for (let b = 0; b < betas.length; b++) {
        point[1] = betas[b] ?? 0;
        for (let f = 0; f < phis.length; f++) {
          point[2] = phis[f] ?? 0;
          rank(ranking);
        }
      }
    }
  }

  let best: { params: HoltParameters; sse: number } | null = null;
  for (let i = 0; i < ranking.count; i++) {
    const at = i * 5;
    const smoothing = { alpha: kept[at] ?? 0, beta: kept[at + 1] ?? 0, phi: kept[at + 2] ?? 0 };
    const start = holtParameters(smoothing, kept[at + 3] ?? 0, kept[at + 4] ?? 0);
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

/**
 * The `keep` best starting points so far, best first (an earlier point first on a tie, as a
 * stable sort of them all would): scores, and α, β, φ, ℓ0, b0 five to a point. Typed arrays,
 * as hundreds of points are ranked a fit and objects would be garbage for all but a few.
 */
interface Ranking {
  series: readonly number[];
  levelFree: boolean;
  trendFree: boolean;
  /** α, β, φ of the point to rank, then the base its states are profiled from. */
  point: Float64Array;
  states: Float64Array;
  keep: number;
  count: number;
  scores: Float64Array;
  kept: Float64Array;
}

/** Profiles the initial states of `r.point` and ranks it among the best so far. */
const rank = (r: Ranking): void => {
  const { states, scores, kept } = r;
  profileStates(r.series, r.point, r.levelFree, r.trendFree, states);
  const score = states[2] ?? 0;
  let at = r.count;
  while (at > 0 && score < (scores[at - 1] ?? 0)) at--;
  if (at >= r.keep) return;
  r.count = Math.min(r.count + 1, r.keep);
  for (let i = r.count - 1; i > at; i--) {
    scores[i] = scores[i - 1] ?? 0;
    for (let k = 0; k < 5; k++) kept[i * 5 + k] = kept[(i - 1) * 5 + k] ?? 0;
  }
  scores[at] = score;
  kept[at * 5] = r.point[0] ?? 0;
  kept[at * 5 + 1] = r.point[1] ?? 0;
  kept[at * 5 + 2] = r.point[2] ?? 0;
  kept[at * 5 + 3] = states[0] ?? 0;
  kept[at * 5 + 4] = states[1] ?? 0;
};

const inBox = (name: SmoothingName, value: number): number => {
  const [low, high] = SEARCH_BOX[name];
  return Number.isFinite(value) ? Math.min(high, Math.max(low, value)) : (low + high) / 2;
};
