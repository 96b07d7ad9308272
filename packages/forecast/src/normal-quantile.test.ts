import { describe, expect, it } from 'vitest';
import { twoSidedZ } from './normal-quantile.ts';

describe('twoSidedZ', () => {
  it('matches the standard normal quantiles to six decimals', () => {
    expect(twoSidedZ(0.95)).toBeCloseTo(1.959964, 6);
    expect(twoSidedZ(0.8)).toBeCloseTo(1.281552, 6);
    expect(twoSidedZ(0.99)).toBeCloseTo(2.575829, 6);
  });
});
