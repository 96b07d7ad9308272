type Uniform = () => number;

/** A standard normal draw (Box-Muller); `1 - u` keeps log away from 0. */
const normal = (random: Uniform): number =>
  Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Gamma(shape, 1) by Marsaglia and Tsang; shapes below 1 use the u^(1/shape) boost. */
export function sampleGamma(shape: number, random: Uniform): number {
  if (!(shape > 0)) throw new RangeError(`gamma shape must be positive, got ${shape}`);
  if (shape < 1) return sampleGamma(shape + 1, random) * (1 - random()) ** (1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    let x = normal(random);
    let v = 1 + c * x;
    while (v <= 0) {
      x = normal(random);
      v = 1 + c * x;
    }
    v = v * v * v;
    const u = 1 - random();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/** One draw from Beta(alpha, beta). */
export function sampleBeta(alpha: number, beta: number, random: Uniform): number {
  const x = sampleGamma(alpha, random);
  const y = sampleGamma(beta, random);
  return x + y === 0 ? 0.5 : x / (x + y);
}

export const betaMean = (alpha: number, beta: number): number => alpha / (alpha + beta);

export const betaSd = (alpha: number, beta: number): number => {
  const n = alpha + beta;
  return Math.sqrt((alpha * beta) / (n * n * (n + 1)));
};
