import type { HoltParameters } from './holt-filter.ts';

export type ParameterName = keyof HoltParameters;

/** Where a parameter sits in a parameter vector (`Float64Array` of 5). */
export const PARAMETER_INDEX: Readonly<Record<ParameterName, number>> = {
  alpha: 0,
  beta: 1,
  phi: 2,
  level0: 3,
  trend0: 4,
};

/** All five parameters' Jᵀe and JᵀJ, before `free` picks its rows: reused by every call. */
const fullGradient = new Float64Array(5);
const fullHessian = new Float64Array(25);

/**
 * One pass of forward-mode differentiation through the Holt recursion: the Jacobian of the
 * residuals with respect to all five parameters (`params`: a vector in PARAMETER_INDEX
 * order), folded straight into JᵀJ and Jᵀe, then cut down to the `free` ones (indices):
 * Jᵀe (half the SSE's gradient) into `gradient`, JᵀJ (the Gauss–Newton approximation of half
 * the Hessian, row-major) into `hessian`. Written out in scalars and
 * allocating nothing because this loop is the fit's hot path.
 */
export const normalEquations = (
  series: readonly number[],
  params: Float64Array,
  free: ArrayLike<number>,
  size: number,
  gradient: Float64Array,
  hessian: Float64Array,
): void => {
  const alpha = params[0] ?? 0;
  const beta = params[1] ?? 0;
  const phi = params[2] ?? 0;
  const alphaBeta = alpha * beta;
  let level = params[3] ?? 0;
  let trend = params[4] ?? 0;
  // (∂ℓ, ∂b) with respect to α, β, φ, ℓ0, b0.
  let la = 0;
  let ba = 0;
  let lb = 0;
  let bb = 0;
  let lp = 0;
  let bp = 0;
  let ll = 1;
  let bl = 0;
  let lt = 0;
  let bt = 1;
  let aa = 0,
    ab = 0,
    ap = 0,
    al = 0,
    at = 0;
  let bb2 = 0,
    bp2 = 0,
    bl2 = 0,
    bt2 = 0;
  let pp = 0,
    pl = 0,
    pt = 0;
  let ll2 = 0,
    lt2 = 0,
    tt = 0;
  let ga = 0,
    gb = 0,
    gp = 0,
    gl = 0,
    gt = 0;
  for (let t = 0; t < series.length; t++) {
    const forecast = level + phi * trend;
    const error = (series[t] ?? 0) - forecast;
    // Forecast sensitivities; the residual's are their negatives.
    const fa = la + phi * ba;
    const fb = lb + phi * bb;
    const fp = lp + phi * bp + trend;
    const fl = ll + phi * bl;
    const ft = lt + phi * bt;
    aa += fa * fa;
    ab += fa * fb;
    ap += fa * fp;
    al += fa * fl;
    at += fa * ft;
    bb2 += fb * fb;
    bp2 += fb * fp;
    bl2 += fb * fl;
    bt2 += fb * ft;
    pp += fp * fp;
    pl += fp * fl;
    pt += fp * ft;
    ll2 += fl * fl;
    lt2 += fl * ft;
    tt += ft * ft;
    ga -= fa * error;
    gb -= fb * error;
    gp -= fp * error;
    gl -= fl * error;
    gt -= ft * error;
    const keep = 1 - alpha;
    la = keep * fa + error;
    ba = phi * ba - alphaBeta * fa + beta * error;
    lb = keep * fb;
    bb = phi * bb - alphaBeta * fb + alpha * error;
    lp = keep * fp;
    bp = phi * bp + trend - alphaBeta * fp;
    ll = keep * fl;
    bl = phi * bl - alphaBeta * fl;
    lt = keep * ft;
    bt = phi * bt - alphaBeta * ft;
    level = forecast + alpha * error;
    trend = phi * trend + alphaBeta * error;
  }
  const g = fullGradient;
  g[0] = ga;
  g[1] = gb;
  g[2] = gp;
  g[3] = gl;
  g[4] = gt;
  const h = fullHessian;
  h[0] = aa;
  h[1] = h[5] = ab;
  h[2] = h[10] = ap;
  h[3] = h[15] = al;
  h[4] = h[20] = at;
  h[6] = bb2;
  h[7] = h[11] = bp2;
  h[8] = h[16] = bl2;
  h[9] = h[21] = bt2;
  h[12] = pp;
  h[13] = h[17] = pl;
  h[14] = h[22] = pt;
  h[18] = ll2;
  h[19] = h[23] = lt2;
  h[24] = tt;
  for (let i = 0; i < size; i++) {
    const from = free[i] ?? 0;
    gradient[i] = g[from] ?? 0;
    for (let j = 0; j < size; j++) hessian[i * size + j] = h[from * 5 + (free[j] ?? 0)] ?? 0;
  }
};
