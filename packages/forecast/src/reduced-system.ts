/** C⁻¹ of the state block, reused by every call. */
const inverse = new Float64Array(4);

/**
 * Eliminates the trailing size − m coordinates (the initial states) from JᵀJ·δ = −Jᵀe:
 * M = A − B·C⁻¹·Bᵀ and g = a − B·C⁻¹·c for JᵀJ = [[A, B], [Bᵀ, C]] and Jᵀe = [a; c], written
 * to `matrix` (m×m, row-major) and `reduced` (m). The state block is at most 2×2, so it is
 * inverted directly; a singular one is skipped.
 */
export const reducedSystem = (
  hessian: Float64Array,
  gradient: Float64Array,
  size: number,
  m: number,
  matrix: Float64Array,
  reduced: Float64Array,
): void => {
  for (let i = 0; i < m; i++) {
    reduced[i] = gradient[i] ?? 0;
    for (let j = 0; j < m; j++) matrix[i * m + j] = hessian[i * size + j] ?? 0;
  }
  const states = size - m;
  const diagonal = m * size + m;
  if (states === 1) {
    const c = hessian[diagonal] ?? 0;
    if (!(c > 0)) return;
    inverse[0] = 1 / c;
  } else if (states === 2) {
    const p = hessian[diagonal] ?? 0;
    const q = hessian[diagonal + 1] ?? 0;
    const r = hessian[diagonal + size + 1] ?? 0;
    const det = p * r - q * q;
    if (!(det > 1e-13 * p * r)) return;
    inverse[0] = r / det;
    inverse[1] = -q / det;
    inverse[2] = -q / det;
    inverse[3] = p / det;
  } else {
    return;
  }
  for (let i = 0; i < m; i++) {
    for (let s = 0; s < states; s++) {
      let weight = 0; // (B·C⁻¹)[i][s]
      for (let u = 0; u < states; u++)
        weight += (hessian[i * size + m + u] ?? 0) * (inverse[u * states + s] ?? 0);
      reduced[i] = (reduced[i] ?? 0) - weight * (gradient[m + s] ?? 0);
      for (let j = 0; j < m; j++)
        matrix[i * m + j] = (matrix[i * m + j] ?? 0) - weight * (hessian[(m + s) * size + j] ?? 0);
    }
  }
};
