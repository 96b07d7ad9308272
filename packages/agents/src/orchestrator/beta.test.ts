import { describe, expect, it } from 'vitest';
import { betaMean, betaSd, sampleBeta } from './beta.ts';
import { seededRandom } from './random.ts';

describe('beta sampling', () => {
  it('draws with the mean and spread of the distribution', () => {
    const random = seededRandom(7);
    for (const [a, b] of [
      [1, 1],
      [9, 2],
      [2, 30],
      [0.5, 0.5],
    ] as const) {
      const draws = Array.from({ length: 20_000 }, () => sampleBeta(a, b, random));
      const mean = draws.reduce((s, x) => s + x, 0) / draws.length;
      const sd = Math.sqrt(draws.reduce((s, x) => s + (x - mean) ** 2, 0) / draws.length);
      expect(mean).toBeCloseTo(betaMean(a, b), 2);
      expect(Math.abs(sd - betaSd(a, b))).toBeLessThan(0.01);
      expect(draws.every((x) => x >= 0 && x <= 1)).toBe(true);
    }
  });

  it('gives the same draws for the same seed', () => {
    const one = seededRandom(42);
    const two = seededRandom(42);
    const a = Array.from({ length: 50 }, () => sampleBeta(3, 4, one));
    const b = Array.from({ length: 50 }, () => sampleBeta(3, 4, two));
    expect(a).toEqual(b);
  });
});
