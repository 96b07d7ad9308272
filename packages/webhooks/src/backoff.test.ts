import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retryDelayMs } from './backoff.ts';

describe('retryDelayMs', () => {
  it('doubles its ceiling after each failed attempt', () => {
    const half = () => 0.5;
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(n, half))).toEqual([
      500, 1000, 2000, 4000, 8000,
    ]);
  });

  it('never waits longer than five minutes', () => {
    expect(retryDelayMs(30, () => 0.999)).toBeLessThan(300_000);
    expect(retryDelayMs(30, () => 0.5)).toBe(150_000);
  });

  it('stays within [0, ceiling) for any attempt count and random draw', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.double({ min: -1, max: 2, noNaN: true }),
        (attempts, draw) => {
          const ceiling = Math.min(300_000, 1000 * 2 ** (attempts - 1));
          const delay = retryDelayMs(attempts, () => draw);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
          expect(Number.isInteger(delay)).toBe(true);
        },
      ),
    );
  });
});
