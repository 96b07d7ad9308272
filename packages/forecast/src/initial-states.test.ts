import { describe, expect, it } from 'vitest';
import { holtSse } from './holt-filter.ts';
import { profileInitialStates } from './initial-states.ts';

const SERIES = [3, 5, 4, 8, 9, 12, 11, 15, 18, 17];

describe('profileInitialStates', () => {
  it('finds the level and trend no nudge can improve on', () => {
    const smoothing = { alpha: 0.4, beta: 0.3, phi: 0.9 };
    const best = profileInitialStates(SERIES, smoothing);
    const sse = holtSse(SERIES, { ...smoothing, level0: best.level0, trend0: best.trend0 });
    expect(best.sse).toBeCloseTo(sse, 9);
    for (const [dl, db] of [
      [0.01, 0],
      [-0.01, 0],
      [0, 0.01],
      [0, -0.01],
    ] as const) {
      const nudged = { ...smoothing, level0: best.level0 + dl, trend0: best.trend0 + db };
      expect(holtSse(SERIES, nudged)).toBeGreaterThan(sse);
    }
  });

  it('keeps a known state and solves only for the other', () => {
    const smoothing = { alpha: 0.4, beta: 0.3, phi: 1 };
    const best = profileInitialStates(SERIES, smoothing, { level0: 2 });
    expect(best.level0).toBe(2);
    const at = (trend0: number) => holtSse(SERIES, { ...smoothing, level0: 2, trend0 });
    expect(at(best.trend0)).toBeLessThan(at(best.trend0 + 0.01));
    expect(at(best.trend0)).toBeLessThan(at(best.trend0 - 0.01));
  });
});
