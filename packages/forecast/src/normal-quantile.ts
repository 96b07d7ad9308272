import { errorFunction, probit } from 'simple-statistics';

const standardNormalCdf = (z: number): number => 0.5 * (1 + errorFunction(z / Math.SQRT2));
const standardNormalDensity = (z: number): number =>
  Math.exp((-z * z) / 2) / Math.sqrt(2 * Math.PI);

/**
 * z such that a central interval of ±z holds `confidence` of a standard normal.
 * simple-statistics' probit is good to about 1e-3; two Newton steps against its erf
 * (accurate to about 1e-7) sharpen it to about 1e-7, e.g. 0.95 → 1.959964.
 */
export const twoSidedZ = (confidence: number): number => {
  const p = (1 + confidence) / 2;
  let z = probit(p);
  for (let step = 0; step < 2; step++) {
    z -= (standardNormalCdf(z) - p) / standardNormalDensity(z);
  }
  return z;
};
