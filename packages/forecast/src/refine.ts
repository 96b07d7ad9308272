import { SEARCH_BOX, type SmoothingName } from './bounds.ts';
import { type HoltParameters, holtParameters, holtSse } from './holt-filter.ts';
import { type KnownStates, profileInitialStates } from './initial-states.ts';
import { solveSpd } from './linear-solve.ts';
import { normalEquations, type ParameterName } from './normal-equations.ts';
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
  const statesFree = (['level0', 'trend0'] as const).filter((name) => known[name] === undefined);
  const free: ParameterName[] = [...smoothingFree, ...statesFree];
  const count = smoothingFree.length;
  let params = holtParameters(start, start.level0, start.trend0);
  let sse = profileInitialStates(series, params, known, params).sse;
  let damping = 1e-4;
  for (let iteration = 0; iteration < MAX_ITERATIONS && sse > 0; iteration++) {
    const { matrix: gaussNewton, gradient } = profiledSystem(series, params, free, count);
    const matrix =
      options.curvature === 'newton'
        ? finiteDifferenceHessian(series, params, smoothingFree, free, known, gradient)
        : gaussNewton;
    const held = smoothingFree.map((name, k) => {
      const [low, high] = SEARCH_BOX[name];
      const g = gradient[k] ?? 0;
      return (params[name] <= low && g > 0) || (params[name] >= high && g < 0);
    });
    let improved = false;
    while (!improved && damping < MAX_DAMPING) {
      const candidate = boundedStep(params, smoothingFree, matrix, gradient, held, damping);
      if (candidate === null) break;
      if (candidate === 'singular') {
        damping *= 10;
        continue;
      }
      const states = profileInitialStates(series, candidate, known, params);
      if (states.sse < sse) {
        const gain = sse - states.sse;
        params = holtParameters(candidate, states.level0, states.trend0);
        sse = states.sse;
        damping = Math.max(damping / 5, 1e-12);
        improved = true;
        if (gain <= options.relativeGain * sse) iteration = MAX_ITERATIONS;
      } else {
        damping *= 4;
      }
    }
    if (!improved) break;
  }
  return { params, sse: holtSse(series, params) };
};

/**
 * A damped Gauss–Newton step clipped to the box. Coordinates the step would push through a
 * bound are pinned to it and the step is re-solved without them, so the others still move
 * optimally. Returns null when every coordinate is held.
 */
const boundedStep = (
  params: HoltParameters,
  names: readonly SmoothingName[],
  matrix: Float64Array,
  gradient: Float64Array,
  initiallyHeld: readonly boolean[],
  damping: number,
): HoltParameters | 'singular' | null => {
  const count = names.length;
  const held = [...initiallyHeld];
  const candidate = holtParameters(params, params.level0, params.trend0);
  for (let attempt = 0; attempt <= count; attempt++) {
    const moving = held.flatMap((isHeld, k) => (isHeld ? [] : [k]));
    if (moving.length === 0) return attempt === 0 ? null : candidate;
    const step = dampedSolve(matrix, gradient, count, moving, damping);
    if (step === null) return 'singular';
    let clipped = false;
    moving.forEach((k, index) => {
      const name = names[k];
      if (name === undefined) return;
      const [low, high] = SEARCH_BOX[name];
      const target = params[name] + (step[index] ?? 0);
      if (target <= low || target >= high) {
        held[k] = true;
        clipped = true;
      }
      candidate[name] = Math.min(high, Math.max(low, target));
    });
    if (!clipped) return candidate;
    // Pin the clipped coordinates at their bound and re-solve for the rest around them.
    if (attempt === count) return candidate;
    gradient = shiftedGradient(matrix, gradient, count, params, candidate, names, held);
    params = holtParameters(params, params.level0, params.trend0);
    names.forEach((name, k) => {
      if (held[k]) params[name] = candidate[name];
    });
  }
  return candidate;
};

/** Gradient of the local quadratic model after moving the held coordinates. */
const shiftedGradient = (
  matrix: Float64Array,
  gradient: Float64Array,
  count: number,
  from: HoltParameters,
  to: HoltParameters,
  names: readonly SmoothingName[],
  held: readonly boolean[],
): Float64Array => {
  const shifted = Float64Array.from(gradient);
  names.forEach((name, j) => {
    if (!held[j]) return;
    const delta = to[name] - from[name];
    if (delta === 0) return;
    for (let i = 0; i < count; i++)
      shifted[i] = (shifted[i] ?? 0) + (matrix[i * count + j] ?? 0) * delta;
  });
  return shifted;
};

/** Solves (M + λ·diag M)·δ = −g over the moving coordinates. */
const dampedSolve = (
  matrix: Float64Array,
  gradient: Float64Array,
  size: number,
  moving: readonly number[],
  damping: number,
): Float64Array | null => {
  const count = moving.length;
  const system = new Float64Array(count * count);
  const rhs = new Float64Array(count);
  let largest = 0;
  for (const k of moving) largest = Math.max(largest, Math.abs(matrix[k * size + k] ?? 0));
  moving.forEach((ki, i) => {
    rhs[i] = -(gradient[ki] ?? 0);
    moving.forEach((kj, j) => {
      system[i * count + j] = matrix[ki * size + kj] ?? 0;
    });
    const diagonal = Math.max(Math.abs(matrix[ki * size + ki] ?? 0), 1e-12 * largest, 1e-300);
    system[i * count + i] = (system[i * count + i] ?? 0) + damping * diagonal;
  });
  return solveSpd(system, rhs);
};

/** JᵀJ and Jᵀe with the initial states eliminated (Gauss–Newton for the profiled SSE / 2). */
const profiledSystem = (
  series: readonly number[],
  params: HoltParameters,
  free: readonly ParameterName[],
  count: number,
) => {
  const full = normalEquations(series, params, free);
  return reducedSystem(full.hessian, full.gradient, free.length, count);
};

/**
 * Hessian of the profiled SSE / 2 by forward differences of its exact gradient (by the
 * envelope theorem the profiled gradient is the partial gradient at the solved states).
 */
const finiteDifferenceHessian = (
  series: readonly number[],
  params: HoltParameters,
  smoothingFree: readonly SmoothingName[],
  free: readonly ParameterName[],
  known: KnownStates,
  gradient: Float64Array,
): Float64Array => {
  const count = smoothingFree.length;
  const hessian = new Float64Array(count * count);
  smoothingFree.forEach((name, j) => {
    const [low, high] = SEARCH_BOX[name];
    const size = 1e-6 * Math.max(Math.abs(params[name]), 1e-2);
    const h = params[name] + size <= high ? size : -size;
    const moved = holtParameters(params, params.level0, params.trend0);
    moved[name] = Math.max(low, params[name] + h);
    const states = profileInitialStates(series, moved, known, params);
    const shifted = holtParameters(moved, states.level0, states.trend0);
    const next = profiledSystem(series, shifted, free, count).gradient;
    for (let i = 0; i < count; i++) {
      hessian[i * count + j] = ((next[i] ?? 0) - (gradient[i] ?? 0)) / h;
    }
  });
  for (let i = 0; i < count; i++) {
    for (let j = 0; j < i; j++) {
      const mean = ((hessian[i * count + j] ?? 0) + (hessian[j * count + i] ?? 0)) / 2;
      hessian[i * count + j] = mean;
      hessian[j * count + i] = mean;
    }
  }
  return hessian;
};
