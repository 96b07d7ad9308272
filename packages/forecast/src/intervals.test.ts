import { describe, expect, it } from 'vitest';
import { varianceMultipliers } from './intervals.ts';

describe('varianceMultipliers', () => {
  it('follows 1 + Σ (α + αβj)² for Holt', () => {
    const [alpha, beta] = [0.6, 0.3];
    const expected = [1, 2, 3, 4].map(
      (h) =>
        1 +
        Array.from({ length: h - 1 }, (_, i) => (alpha + alpha * beta * (i + 1)) ** 2).reduce(
          (a, b) => a + b,
          0,
        ),
    );
    varianceMultipliers(alpha, beta, 1, 4).forEach((v, i) => {
      expect(v).toBeCloseTo(expected[i] ?? Number.NaN, 12);
    });
  });

  it('uses the damped coefficient α + αβφ(1 − φ^j)/(1 − φ)', () => {
    const [alpha, beta, phi] = [0.5, 0.4, 0.9];
    const c = (j: number) => alpha + (alpha * beta * phi * (1 - phi ** j)) / (1 - phi);
    const v = varianceMultipliers(alpha, beta, phi, 3);
    expect(v[0]).toBe(1);
    expect(v[2]).toBeCloseTo(1 + c(1) ** 2 + c(2) ** 2, 12);
  });
});
