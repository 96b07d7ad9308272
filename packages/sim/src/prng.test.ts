import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createRng } from './prng.ts';

const take = (seed: number, stream: number, n: number): number[] => {
  const rng = createRng(seed, stream);
  return Array.from({ length: n }, () => rng.next());
};

describe('createRng', () => {
  it('repeats the same sequence for the same seed and stream', () => {
    expect(take(7, 0, 50)).toEqual(take(7, 0, 50));
  });

  it('gives different sequences for different seeds or streams', () => {
    expect(take(7, 0, 5)).not.toEqual(take(8, 0, 5));
    expect(take(7, 0, 5)).not.toEqual(take(7, 1, 5));
  });

  it('keeps every helper inside its range for any seed', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), (seed, lo) => {
        const rng = createRng(seed);
        for (let i = 0; i < 100; i++) {
          const x = rng.next();
          const n = rng.int(lo, lo + 3);
          const f = rng.float(lo, lo + 1);
          if (x < 0 || x >= 1 || n < lo || n > lo + 3 || f < lo || f >= lo + 1) return false;
          if (!Number.isFinite(rng.normal())) return false;
        }
        return true;
      }),
    );
  });

  it('draws normals with roughly the requested mean and spread', () => {
    const rng = createRng(3);
    const xs = Array.from({ length: 20_000 }, () => rng.normal(10, 2));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length);
    expect(mean).toBeCloseTo(10, 1);
    expect(sd).toBeCloseTo(2, 1);
  });

  it('refuses to pick from an empty list', () => {
    expect(() => createRng(1).pick([])).toThrow(RangeError);
  });
});
