import { describe, expect, it } from 'vitest';
import { hashUnit } from './hash.ts';

describe('hashUnit', () => {
  it('gives the same number for the same seed and parts, another for other parts', () => {
    expect(hashUnit(7, 'a', 1)).toBe(hashUnit(7, 'a', 1));
    expect(hashUnit(7, 'a', 1)).not.toBe(hashUnit(7, 'a', 2));
    expect(hashUnit(7, 'a', 1)).not.toBe(hashUnit(8, 'a', 1));
  });

  it('spreads evenly over [0, 1)', () => {
    const values = Array.from({ length: 4000 }, (_, i) => hashUnit(1, 'x', i));
    expect(Math.min(...values)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...values)).toBeLessThan(1);
    const low = values.filter((v) => v < 0.25).length / values.length;
    expect(low).toBeGreaterThan(0.22);
    expect(low).toBeLessThan(0.28);
  });
});
