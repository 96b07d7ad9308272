import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './errors.ts';
import { fitHolt } from './fit-holt.ts';
import { holtSse } from './holt-filter.ts';
import { simulateHolt } from './simulate.ts';

// statsmodels' test_holt data: Australian air passengers, 1990–2004.
const AIR = [
  17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797,
  32.577569, 33.477398, 39.021581, 41.386432, 41.596552,
];
const first = AIR[0] ?? 0;
const second = AIR[1] ?? 0;

const increments = (values: readonly number[]): number[] =>
  values.slice(1).map((value, i) => value - (values[i] ?? 0));

describe('fitHolt', () => {
  it('reproduces the statsmodels test_holt forecasts for known parameters', () => {
    const fit = fitHolt(AIR, {
      horizon: 5,
      alpha: 0.8,
      beta: 0.2,
      level0: first,
      trend0: second - first,
    });
    expect(fit.forecast.map((value) => Number(value.toFixed(2)))).toEqual([
      43.76, 45.59, 47.43, 49.27, 51.1,
    ]);
    expect(fit.alpha).toBe(0.8);
    expect(fit.beta).toBe(0.2);
    expect(fit.phi).toBeUndefined();
    expect(fit.fitted).toHaveLength(AIR.length);
    expect(fit.residuals).toHaveLength(AIR.length);
  });

  it('matches a hand-computed damped recursion for known parameters', () => {
    const series = [10, 12, 13, 15];
    const [alpha, beta, phi, level0, trend0] = [0.5, 0.4, 0.9, 10, 2];
    let level = level0;
    let trend = trend0;
    const fitted: number[] = [];
    for (const y of series) {
      const forecast = level + phi * trend;
      fitted.push(forecast);
      const nextLevel = alpha * y + (1 - alpha) * forecast;
      trend = beta * (nextLevel - level) + (1 - beta) * phi * trend;
      level = nextLevel;
    }
    const expected = [1, 2, 3].map((h) => {
      const damping = Array.from({ length: h }, (_, i) => phi ** (i + 1)).reduce((a, b) => a + b);
      return level + damping * trend;
    });
    const fit = fitHolt(series, { horizon: 3, damped: true, alpha, beta, phi, level0, trend0 });
    fit.fitted.forEach((value, i) => {
      expect(value).toBeCloseTo(fitted[i] ?? Number.NaN, 12);
    });
    fit.forecast.forEach((value, i) => {
      expect(value).toBeCloseTo(expected[i] ?? Number.NaN, 12);
    });
    expect(fit.phi).toBe(0.9);
  });

  it('fits a damped trend with phi inside [0.8, 0.98] and a flattening forecast', () => {
    const series = simulateHolt({
      length: 120,
      alpha: 0.4,
      beta: 0.3,
      phi: 0.85,
      level0: 50,
      trend0: 3,
      sigma: 0.5,
      seed: 11,
    });
    const fit = fitHolt(series, { horizon: 12, damped: true });
    expect(fit.phi).toBeGreaterThanOrEqual(0.8);
    expect(fit.phi).toBeLessThanOrEqual(0.98);
    const steps = increments(fit.forecast);
    const phi = fit.phi ?? Number.NaN;
    steps.slice(1).forEach((step, i) => {
      expect(Math.abs(step)).toBeLessThan(Math.abs(steps[i] ?? 0));
      expect(step / (steps[i] ?? 1)).toBeCloseTo(phi, 9);
    });
  });

  it('recovers simulated parameters roughly and beats the true parameters on SSE', () => {
    const truth = { alpha: 0.5, beta: 0.2, phi: 1, level0: 100, trend0: 1 };
    const series = simulateHolt({ ...truth, length: 400, sigma: 2, seed: 5 });
    const fit = fitHolt(series, { horizon: 1 });
    expect(fit.alpha).toBeGreaterThan(0.35);
    expect(fit.alpha).toBeLessThan(0.65);
    expect(fit.beta).toBeGreaterThan(0.05);
    expect(fit.beta).toBeLessThan(0.4);
    expect(fit.sse).toBeLessThanOrEqual(holtSse(series, truth));
    expect(Math.sqrt(fit.sigma2)).toBeGreaterThan(1.7);
    expect(Math.sqrt(fit.sigma2)).toBeLessThan(2.3);
  });

  it('fits only the parameters that are not given', () => {
    const fit = fitHolt(AIR, { horizon: 2, alpha: 0.6 });
    expect(fit.alpha).toBe(0.6);
    expect(fit.beta).toBeGreaterThan(0);
    expect(fit.beta).toBeLessThan(1);
    const free = fitHolt(AIR, { horizon: 2 });
    expect(free.sse).toBeLessThanOrEqual(fit.sse);
  });

  it('never beats the free fit with any fixed parameters from the box', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: 4, maxLength: 30 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.double({ min: 0.8, max: 0.98, noNaN: true }),
        fc.boolean(),
        (series, alpha, beta, phi, damped) => {
          const free = fitHolt(series, { horizon: 1, damped });
          const fixed = fitHolt(series, {
            horizon: 1,
            damped,
            alpha,
            beta,
            ...(damped ? { phi } : {}),
          });
          return free.sse <= fixed.sse * (1 + 1e-9) + 1e-9;
        },
      ),
      { numRuns: 200, seed: 20240601 },
    );
  });
  it('gives the same fit whatever was fitted before (the search reuses its scratch arrays)', () => {
    const series = (seed: number, length: number, phi: number) =>
      simulateHolt({ alpha: 0.4, beta: 0.2, phi, level0: 50, trend0: 0.5, length, sigma: 3, seed });
    const first = series(1, 288, 0.9);
    const options = { horizon: 3, damped: true } as const;
    const alone = fitHolt(first, options);
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 1000 }),
        fc.integer({ min: 4, max: 120 }),
        fc.boolean(),
        fc.option(fc.double({ min: 0.2, max: 0.8, noNaN: true }), { nil: undefined }),
        (seed, length, damped, alpha) => {
          // A fit of another shape (free parameters, known states, warm start) in between.
          const other = series(seed, length, damped ? 0.85 : 1);
          fitHolt(other, { horizon: 1, damped, ...(alpha === undefined ? {} : { alpha }) });
          fitHolt(other, { horizon: 1, level0: 10, start: { alpha: 0.9, beta: 0.9 } });
          expect(fitHolt(first, options)).toEqual(alone);
        },
      ),
      { numRuns: 40, seed: 20261123 },
    );
  });
});

describe('fitHolt prediction intervals', () => {
  it('widen with the horizon and contain the point forecast', () => {
    for (const damped of [false, true]) {
      const fit = fitHolt(AIR, { horizon: 10, damped });
      fit.forecast.forEach((value, h) => {
        expect(fit.lower[h]).toBeLessThan(value);
        expect(fit.upper[h]).toBeGreaterThan(value);
        if (h > 0) {
          const width = (fit.upper[h] ?? 0) - (fit.lower[h] ?? 0);
          const previous = (fit.upper[h - 1] ?? 0) - (fit.lower[h - 1] ?? 0);
          expect(width).toBeGreaterThan(previous);
        }
      });
    }
  });

  it('are wider at a higher confidence level', () => {
    const narrow = fitHolt(AIR, { horizon: 3, confidence: 0.8 });
    const wide = fitHolt(AIR, { horizon: 3, confidence: 0.99 });
    expect((wide.upper[0] ?? 0) - (wide.lower[0] ?? 0)).toBeGreaterThan(
      (narrow.upper[0] ?? 0) - (narrow.lower[0] ?? 0),
    );
  });

  it('cover about 95% of one-step-ahead holdout points on simulated data', () => {
    const trials = 400;
    let inside = 0;
    for (let seed = 1; seed <= trials; seed++) {
      const series = simulateHolt({
        length: 61,
        alpha: 0.3,
        beta: 0.1,
        level0: 20,
        trend0: 0.5,
        sigma: 1,
        seed,
      });
      const holdout = series.pop() ?? Number.NaN;
      const fit = fitHolt(series, { horizon: 1 });
      if ((fit.lower[0] ?? 0) <= holdout && holdout <= (fit.upper[0] ?? 0)) inside++;
    }
    expect(inside / trials).toBeGreaterThan(0.91);
    expect(inside / trials).toBeLessThan(0.985);
  });
});

describe('fitHolt input validation', () => {
  const field = (run: () => unknown): string | undefined => {
    try {
      run();
    } catch (error) {
      if (error instanceof ForecastInputError) return error.field;
      throw error;
    }
    return undefined;
  };

  it('names the field of each bad input', () => {
    expect(field(() => fitHolt([1, 2, 3], { horizon: 1 }))).toBe('series');
    expect(field(() => fitHolt([1, 2, Number.NaN, 4], { horizon: 1 }))).toBe('series');
    expect(field(() => fitHolt([1, 2, Number.POSITIVE_INFINITY, 4], { horizon: 1 }))).toBe(
      'series',
    );
    expect(field(() => fitHolt(AIR, { horizon: 0 }))).toBe('horizon');
    expect(field(() => fitHolt(AIR, { horizon: 1001 }))).toBe('horizon');
    expect(field(() => fitHolt(AIR, { horizon: 1.5 }))).toBe('horizon');
    expect(field(() => fitHolt(AIR, { horizon: 1, alpha: 1 }))).toBe('alpha');
    expect(field(() => fitHolt(AIR, { horizon: 1, alpha: 0 }))).toBe('alpha');
    expect(field(() => fitHolt(AIR, { horizon: 1, beta: -0.1 }))).toBe('beta');
    expect(field(() => fitHolt(AIR, { horizon: 1, phi: 0.99 }))).toBe('phi');
    expect(field(() => fitHolt(AIR, { horizon: 1, damped: false, phi: 0.9 }))).toBe('phi');
    expect(field(() => fitHolt(AIR, { horizon: 1, level0: Number.NaN }))).toBe('level0');
    expect(field(() => fitHolt(AIR, { horizon: 1, trend0: Number.NaN }))).toBe('trend0');
    expect(field(() => fitHolt(AIR, { horizon: 1, confidence: 1 }))).toBe('confidence');
  });

  it('accepts the minimum series length and horizon bounds', () => {
    expect(fitHolt([1, 2, 4, 7], { horizon: 1 }).forecast).toHaveLength(1);
    expect(fitHolt([1, 2, 4, 7], { horizon: 1000 }).forecast).toHaveLength(1000);
  });
});

describe('fitHolt started from an earlier fit', () => {
  it('nearly always reaches the optimum the grid finds once the series has moved on a little', () => {
    // A warm start is a local search: now and then it settles a little above the global
    // optimum, which is why the engine refits from scratch every few rounds.
    const ratios: number[] = [];
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.boolean(), (seed, damped) => {
        const series = simulateHolt({
          length: 200,
          alpha: 0.4,
          beta: 0.15,
          ...(damped ? { phi: 0.9 } : {}),
          level0: 50,
          trend0: 0.3,
          sigma: 1,
          seed,
        });
        const earlier = fitHolt(series.slice(0, 188), { horizon: 1, damped });
        const cold = fitHolt(series, { horizon: 1, damped });
        const warm = fitHolt(series, { horizon: 1, damped, start: earlier });
        ratios.push(warm.sse / cold.sse);
        expect(warm.sse).toBeLessThanOrEqual(cold.sse * 1.05);
        expect(warm.phi === undefined).toBe(!damped);
      }),
      { numRuns: 60, seed: 20261123 },
    );
    const atOptimum = ratios.filter((r) => r <= 1 + 1e-3).length / ratios.length;
    expect(atOptimum).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps given parameters fixed and a start outside the search box within it', () => {
    const fit = fitHolt(AIR, { horizon: 2, beta: 0.2, start: { alpha: 7, beta: -1, phi: 3 } });
    expect(fit.beta).toBe(0.2);
    expect(fit.alpha).toBeGreaterThan(0);
    expect(fit.alpha).toBeLessThan(1);
    expect(fit.sse).toBeCloseTo(fitHolt(AIR, { horizon: 2, beta: 0.2 }).sse, 6);
  });
});
