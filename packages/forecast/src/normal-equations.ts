import type { HoltParameters } from './holt-filter.ts';

export type ParameterName = keyof HoltParameters;

export interface NormalEquations {
  sse: number;
  /** Jᵀe: half the gradient of the SSE with respect to each free parameter. */
  gradient: Float64Array;
  /** JᵀJ, row-major: the Gauss–Newton approximation of half the Hessian. */
  hessian: Float64Array;
}

const ORDER: readonly ParameterName[] = ['alpha', 'beta', 'phi', 'level0', 'trend0'];

/**
 * One pass of forward-mode differentiation through the Holt recursion: the Jacobian of the
 * residuals with respect to all five parameters, folded straight into JᵀJ and Jᵀe, then cut
 * down to the `free` ones. Written out in scalars because this loop is the fit's hot path.
 */
export const normalEquations = (
  series: readonly number[],
  params: HoltParameters,
  free: readonly ParameterName[],
): NormalEquations => {
  const { alpha, beta, phi } = params;
  const alphaBeta = alpha * beta;
  let level = params.level0;
  let trend = params.trend0;
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
  let sse = 0;
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
    sse += error * error;
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
  const fullGradient = [ga, gb, gp, gl, gt];
  const fullHessian = [
    [aa, ab, ap, al, at],
    [ab, bb2, bp2, bl2, bt2],
    [ap, bp2, pp, pl, pt],
    [al, bl2, pl, ll2, lt2],
    [at, bt2, pt, lt2, tt],
  ];
  const index = free.map((name) => ORDER.indexOf(name));
  const size = index.length;
  const gradient = new Float64Array(size);
  const hessian = new Float64Array(size * size);
  index.forEach((from, i) => {
    gradient[i] = fullGradient[from] ?? 0;
    index.forEach((to, j) => {
      hessian[i * size + j] = fullHessian[from]?.[to] ?? 0;
    });
  });
  return { sse, gradient, hessian };
};
