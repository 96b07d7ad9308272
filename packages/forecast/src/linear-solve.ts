/**
 * Solves A·x = b for a small dense symmetric positive-definite A (size×size, row-major) by
 * Cholesky, writing x to `x` and the factor to `lower` (scratch, size×size), so the fitter's
 * inner loop allocates nothing. Returns false when A is not numerically positive definite,
 * so the caller can damp more.
 */
export const solveSpd = (
  matrix: Float64Array,
  rhs: Float64Array,
  size: number,
  lower: Float64Array,
  x: Float64Array,
): boolean => {
  for (let i = 0; i < size; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = matrix[i * size + j] ?? 0;
      for (let k = 0; k < j; k++) sum -= (lower[i * size + k] ?? 0) * (lower[j * size + k] ?? 0);
      if (i === j) {
        if (!(sum > 0)) return false;
        lower[i * size + i] = Math.sqrt(sum);
      } else {
        lower[i * size + j] = sum / (lower[j * size + j] ?? 1);
      }
    }
  }
  for (let i = 0; i < size; i++) {
    let sum = rhs[i] ?? 0;
    for (let k = 0; k < i; k++) sum -= (lower[i * size + k] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (lower[i * size + i] ?? 1);
  }
  for (let i = size - 1; i >= 0; i--) {
    let sum = x[i] ?? 0;
    for (let k = i + 1; k < size; k++) sum -= (lower[k * size + i] ?? 0) * (x[k] ?? 0);
    x[i] = sum / (lower[i * size + i] ?? 1);
  }
  return true;
};
