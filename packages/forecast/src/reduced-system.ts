export interface ReducedSystem {
  /** m×m row-major Schur complement of the state block. */
  matrix: Float64Array;
  gradient: Float64Array;
}

/**
 * Eliminates the trailing size − m coordinates (the initial states) from JᵀJ·δ = −Jᵀe:
 * M = A − B·C⁻¹·Bᵀ and g = a − B·C⁻¹·c for JᵀJ = [[A, B], [Bᵀ, C]] and Jᵀe = [a; c].
 * The state block is at most 2×2, so it is inverted directly; a singular one is skipped.
 */
export const reducedSystem = (
  hessian: Float64Array,
  gradient: Float64Array,
  size: number,
  m: number,
): ReducedSystem => {
  const at = (i: number, j: number): number => hessian[i * size + j] ?? 0;
  const matrix = new Float64Array(m * m);
  const reduced = gradient.slice(0, m);
  for (let i = 0; i < m; i++) for (let j = 0; j < m; j++) matrix[i * m + j] = at(i, j);
  const states = size - m;
  let inverse: number[] = [];
  if (states === 1) {
    const c = at(m, m);
    inverse = c > 0 ? [1 / c] : [];
  } else if (states === 2) {
    const p = at(m, m);
    const q = at(m, m + 1);
    const r = at(m + 1, m + 1);
    const det = p * r - q * q;
    inverse = det > 1e-13 * p * r ? [r / det, -q / det, -q / det, p / det] : [];
  }
  if (inverse.length === 0) return { matrix, gradient: reduced };
  for (let i = 0; i < m; i++) {
    for (let s = 0; s < states; s++) {
      let weight = 0; // (B·C⁻¹)[i][s]
      for (let u = 0; u < states; u++) weight += at(i, m + u) * (inverse[u * states + s] ?? 0);
      reduced[i] = (reduced[i] ?? 0) - weight * (gradient[m + s] ?? 0);
      for (let j = 0; j < m; j++)
        matrix[i * m + j] = (matrix[i * m + j] ?? 0) - weight * at(m + s, j);
    }
  }
  return { matrix, gradient: reduced };
};
