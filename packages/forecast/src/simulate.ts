/** Seeded standard-normal draws (mulberry32 + Box–Muller), for tests and benchmarks. */
export const normalSource = (seed: number): (() => number) => {
  let state = seed >>> 0;
  const uniform = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
};

export interface SimulationSpec {
  length: number;
  alpha: number;
  beta: number;
  /** 1 for Holt's linear trend. */
  phi?: number;
  level0: number;
  trend0: number;
  sigma: number;
  seed: number;
}

/** Draws a series from ETS(A,A,N) / ETS(A,Ad,N) in the same parametrisation as the fit. */
export const simulateHolt = (spec: SimulationSpec): number[] => {
  const { alpha, beta, sigma } = spec;
  const phi = spec.phi ?? 1;
  const draw = normalSource(spec.seed);
  let level = spec.level0;
  let trend = spec.trend0;
  const series: number[] = [];
  for (let t = 0; t < spec.length; t++) {
    const error = sigma * draw();
    series.push(level + phi * trend + error);
    level = level + phi * trend + alpha * error;
    trend = phi * trend + alpha * beta * error;
  }
  return series;
};
