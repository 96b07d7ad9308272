/** Point forecasts ℓ_n + (φ + φ² + … + φ^h)·b_n for h = 1..horizon (φ = 1: a straight line). */
export const projectTrend = (
  level: number,
  trend: number,
  phi: number,
  horizon: number,
): number[] => {
  const forecast: number[] = [];
  let damping = 0;
  let power = 1;
  for (let h = 1; h <= horizon; h++) {
    power *= phi;
    damping += power;
    forecast.push(level + damping * trend);
  }
  return forecast;
};
