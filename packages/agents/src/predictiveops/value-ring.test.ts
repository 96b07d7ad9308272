import { describe, expect, it } from 'vitest';
import { ValueRing } from './value-ring.ts';

describe('ValueRing', () => {
  it('keeps the latest values oldest first', () => {
    const ring = new ValueRing(3);
    for (const v of [1, 2, 3, 4, 5]) ring.push(v);
    expect(ring.values()).toEqual([3, 4, 5]);
    expect(ring.length).toBe(3);
  });

  it('fits a line through the last values', () => {
    const ring = new ValueRing(10);
    for (let t = 0; t < 10; t++) ring.push(t < 4 ? 0 : 1 + 2 * t);
    const line = ring.line(6);
    expect(line?.slope).toBeCloseTo(2, 12);
    expect(line?.end).toBeCloseTo(19, 12);
    expect(ring.line(11)).toBeNull();
  });
});
