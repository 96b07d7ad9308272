import { SEARCH_BOX, type SmoothingName } from './bounds.ts';
import { type HoltParameters, holtParameters, holtSse } from './holt-filter.ts';
import { type KnownStates, profileStates } from './initial-states.ts';
import { solveSpd } from './linear-solve.ts';
import { normalEquations, PARAMETER_INDEX } from './normal-equations.ts';
import { reducedSystem } from './reduced-system.ts';

const MAX_ITERATIONS = 100;
const MAX_DAMPING = 1e14;

export interface RefineOptions {
  /** Stop once a step gains less than this fraction of the SSE. */
  relativeGain: number;
  /**
   * 'gauss-newton' (JᵀJ: robust far from the optimum, but only linearly convergent when
   * residuals are large) or 'newton' (finite differences of the exact profiled gradient:
   * quadratic convergence for the final polish).
   */
  curvature: 'gauss-newton' | 'newton';
}

export interface Refined {
  params: HoltParameters;
  sse: number;
}

/**
 * Scratch for the one refine running at a time (it is synchronous and calls no user code):
 * the search's inner loops allocate nothing, so refitting thousands of series in the
 * background leaves the garbage collector (and the event loop) alone. Parameter vectors are
 * in PARAMETER_INDEX order; matrices row-major over the free smoothing parameters (≤ 3).
 */
const params = new Float64Array(5);
const candidate = new Float64Array(5);
/** The point boundedStep re-solves around once it has pinned coordinates. */
const pinned = new Float64Array(5);
const moved = new Float64Array(5);
/** A trial point's smoothing with the base its states are profiled from. */
const trial = new Float64Array(5);
const states = new Float64Array(3);
/**
 * The Levenberg–Marquardt damping, handed to boundedStep here: a double passed to (or
 * returned from) a call V8 does not inline is boxed on the heap, thousands of times a fit.
 */
const damping = new Float64Array(1);
const freeIndex = new Int32Array(5);
const smoothingIndex = new Int32Array(3);
const box = new Float64Array(6);
const jte = new Float64Array(5);
const jtj = new Float64Array(25);
const gaussNewton = new Float64Array(9);
const gradient = new Float64Array(3);
const nextMatrix = new Float64Array(9);
const nextGradient = new Float64Array(3);
const hessian = new Float64Array(9);
const shifted = new Float64Array(3);
const held = new Uint8Array(3);
const stepHeld = new Uint8Array(3);
const moving = new Int32Array(3);
const system = new Float64Array(9);
const rhs = new Float64Array(3);
const lower = new Float64Array(9);
const step = new Float64Array(3);

/** How one refine profiles the initial states: which are free, and their known values. */
interface Profile {
  series: readonly number[];
  known: KnownStates;
  levelFree: boolean;
  trendFree: boolean;
}

/** The best free states for `point`'s smoothing, from `near`'s states, into `states` (SSE last). */
const profile = (p: Profile, point: Float64Array, near: Float64Array): void => {
  trial[0] = point[0] ?? 0;
  trial[1] = point[1] ?? 0;
  trial[2] = point[2] ?? 0;
  trial[3] = p.known.level0 ?? near[3] ?? 0;
  trial[4] = p.known.trend0 ?? near[4] ?? 0;
  profileStates(p.series, trial, p.levelFree, p.trendFree, states);
};

/**
 * Bounded Levenberg–Marquardt over the free smoothing parameters with the initial states
 * projected out (variable projection): every trial point gets its exact least-squares
 * ℓ0/b0, and the step uses the Schur complement of JᵀJ, i.e. the Gauss–Newton matrix of
 * the profiled problem. A parameter on a bound whose step points outward is held there
 * (active set), so boundary optima such as β → 0 are reached exactly.
 */
export const refine = (
  series: readonly number[],
  start: HoltParameters,
  smoothingFree: readonly SmoothingName[],
  known: KnownStates,
  options: RefineOptions,
): Refined => {
  const p: Profile = {
    series,
    known,
    levelFree: known.level0 === undefined,
    trendFree: known.trend0 === undefined,
  };
  const count = smoothingFree.length;
  let size = 0;
  for (const name of smoothingFree) {
    const k = PARAMETER_INDEX[name];
    smoothingIndex[size] = k;
    box[2 * size] = SEARCH_BOX[name][0];
    box[2 * size + 1] = SEARCH_BOX[name][1];
    freeIndex[size++] = k;
  }
  if (p.levelFree) freeIndex[size++] = PARAMETER_INDEX.level0;
  if (p.trendFree) freeIndex[size++] = PARAMETER_INDEX.trend0;
  params[0] = start.alpha;
  params[1] = start.beta;
  params[2] = start.phi;
  params[3] = start.level0;
  params[4] = start.trend0;
  profile(p, params, params);
  let sse = states[2] ?? 0;
  let lambda = 1e-4;
  for (let iteration = 0; iteration < MAX_ITERATIONS && sse > 0; iteration++) {
    profiledSystem(series, params, size, count, gaussNewton, gradient);
    const matrix =
      options.curvature === 'newton' ? finiteDifferenceHessian(p, size, count) : gaussNewton;
    for (let k = 0; k < count; k++) {
      const value = params[smoothingIndex[k] ?? 0] ?? 0;
      const g = gradient[k] ?? 0;
      held[k] = Number(
        (value <= (box[2 * k] ?? 0) && g > 0) || (value >= (box[2 * k + 1] ?? 0) && g < 0),
      );
    }
    let improved = false;
    while (!improved && lambda < MAX_DAMPING) {
      damping[0] = lambda;
      const outcome = boundedStep(matrix, count);
      if (outcome === 'held') break;
      if (outcome === 'singular') {
        lambda *= 10;
        continue;
      }
      profile(p, candidate, params);
      const trialSse = states[2] ?? 0;
      if (trialSse < sse) {
        const gain = sse - trialSse;
        params[0] = candidate[0] ?? 0;
        params[1] = candidate[1] ?? 0;
        params[2] = candidate[2] ?? 0;
        params[3] = states[0] ?? 0;
        params[4] = states[1] ?? 0;
        sse = trialSse;
        lambda = Math.max(lambda / 5, 1e-12);
        improved = true;
        if (gain <= options.relativeGain * sse) iteration = MAX_ITERATIONS;
      } else {
        lambda *= 4;
      }
    }
    if (!improved) break;
  }
  const best = holtParameters(
    { alpha: params[0] ?? 0, beta: params[1] ?? 0, phi: params[2] ?? 0 },
    params[3] ?? 0,
    params[4] ?? 0,
  );
  return { params: best, sse: holtSse(series, best) };
};

/**
 * A damped Gauss–Newton step from `params` clipped to the box, into `candidate`. Coordinates
 * the step would push through a bound are pinned to it and the step is re-solved without
 * them, so the others still move optimally. 'held' when every coordinate is held.
 */
const boundedStep = (matrix: Float64Array, count: number): 'moved' | 'singular' | 'held' => {
  stepHeld.set(held);
  candidate.set(params);
  pinned.set(params);
  let g: Float64Array = gradient;
  for (let attempt = 0; attempt <= count; attempt++) {
    let movingCount = 0;
    for (let k = 0; k < count; k++) if (!stepHeld[k]) moving[movingCount++] = k;
    if (movingCount === 0) return attempt === 0 ? 'held' : 'moved';
    if (!dampedSolve(matrix, g, count, movingCount)) return 'singular';
    let clipped = false;
    for (let index = 0; index < movingCount; index++) {
      const k = moving[index] ?? 0;
      const at = smoothingIndex[k] ?? 0;
      const low = box[2 * k] ?? 0;
      const high = box[2 * k + 1] ?? 0;
      const target = (pinned[at] ?? 0) + (step[index] ?? 0);
      if (target <= low || target >= high) {
        stepHeld[k] = 1;
        clipped = true;
      }
      candidate[at] = Math.min(high, Math.max(low, target));
    }
    if (!clipped) return 'moved';
    // Pin the clipped coordinates at their bound and re-solve for the rest around them.
    if (attempt === count) return 'moved';
    g = shiftedGradient(matrix, g, count);
    for (let k = 0; k < count; k++) {
      const at = smoothingIndex[k] ?? 0;
      if (stepHeld[k]) pinned[at] = candidate[at] ?? 0;
    }
  }
  return 'moved';
};

/** Gradient of the local quadratic model after moving the held coordinates (pinned → candidate). */
const shiftedGradient = (matrix: Float64Array, from: Float64Array, count: number): Float64Array => {
  if (from !== shifted) for (let i = 0; i < count; i++) shifted[i] = from[i] ?? 0;
  for (let j = 0; j < count; j++) {
    if (!stepHeld[j]) continue;
    const at = smoothingIndex[j] ?? 0;
    const delta = (candidate[at] ?? 0) - (pinned[at] ?? 0);
    if (delta === 0) continue;
    for (let i = 0; i < count; i++)
      shifted[i] = (shifted[i] ?? 0) + (matrix[i * count + j] ?? 0) * delta;
  }
  return shifted;
};

/** Solves (M + λ·diag M)·δ = −g over the moving coordinates into `step`; false when singular. */
const dampedSolve = (
  matrix: Float64Array,
  g: Float64Array,
  size: number,
  count: number,
): boolean => {
  const lambda = damping[0] ?? 0;
  let largest = 0;
  for (let i = 0; i < count; i++) {
    const k = moving[i] ?? 0;
    largest = Math.max(largest, Math.abs(matrix[k * size + k] ?? 0));
  }
  for (let i = 0; i < count; i++) {
    const ki = moving[i] ?? 0;
    rhs[i] = -(g[ki] ?? 0);
    for (let j = 0; j < count; j++)
      system[i * count + j] = matrix[ki * size + (moving[j] ?? 0)] ?? 0;
    const diagonal = Math.max(Math.abs(matrix[ki * size + ki] ?? 0), 1e-12 * largest, 1e-300);
    system[i * count + i] = (system[i * count + i] ?? 0) + lambda * diagonal;
  }
  return solveSpd(system, rhs, count, lower, step);
};

/** JᵀJ and Jᵀe with the initial states eliminated (Gauss–Newton for the profiled SSE / 2). */
const profiledSystem = (
  series: readonly number[],
  point: Float64Array,
  size: number,
  count: number,
  matrix: Float64Array,
  reduced: Float64Array,
): void => {
  normalEquations(series, point, freeIndex, size, jte, jtj);
  reducedSystem(jtj, jte, size, count, matrix, reduced);
};

/**
 * Hessian of the profiled SSE / 2 by forward differences of its exact gradient (by the
 * envelope theorem the profiled gradient is the partial gradient at the solved states).
 */
const finiteDifferenceHessian = (p: Profile, size: number, count: number): Float64Array => {
  for (let j = 0; j < count; j++) {
    const at = smoothingIndex[j] ?? 0;
    const value = params[at] ?? 0;
    const low = box[2 * j] ?? 0;
    const high = box[2 * j + 1] ?? 0;
    const width = 1e-6 * Math.max(Math.abs(value), 1e-2);
    const h = value + width <= high ? width : -width;
    moved.set(params);
    moved[at] = Math.max(low, value + h);
    profile(p, moved, params);
    moved[3] = states[0] ?? 0;
    moved[4] = states[1] ?? 0;
    profiledSystem(p.series, moved, size, count, nextMatrix, nextGradient);
    for (let i = 0; i < count; i++) {
      hessian[i * count + j] = ((nextGradient[i] ?? 0) - (gradient[i] ?? 0)) / h;
    }
  }
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < i; j++) {
      const mean = ((hessian[i * count + j] ?? 0) + (hessian[j * count + i] ?? 0)) / 2;
      hessian[i * count + j] = mean;
      hessian[j * count + i] = mean;
    }
  }
  return hessian;
};
