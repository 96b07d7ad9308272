import { describe, expect, it } from 'vitest';
import { holtStep, mad, replayNoise } from './online-holt.ts';

describe('holtStep', () => {
  it('learns the slope of a straight line', () => {
    const s = { level: 0, trend: 0 };
    for (let t = 1; t < 200; t++) holtStep(s, 2 * t, 0.5, 0.3);
    expect(s.trend).toBeCloseTo(2, 6);
    expect(s.level).toBeCloseTo(398, 4);
  });

  it('returns the one-step residual', () => {
    expect(holtStep({ level: 1, trend: 1 }, 5, 0.5, 0.5)).toBe(3);
  });
});

describe('replayNoise', () => {
  const wiggle = Array.from({ length: 120 }, (_, t) => 0.5 + 0.01 * Math.sin(t * 2.1));

  it('is barely moved by a short ramp in the window', () => {
    const quiet = replayNoise(wiggle, 0.3, 0.1, null);
    const ramped = wiggle.map((v, t) => (t >= 100 ? v + 0.03 * (t - 100) : v));
    const noisy = replayNoise(ramped, 0.3, 0.1, null);
    expect(noisy.trendSd).toBeLessThan(2 * quiet.trendSd);
  });

  it('ignores a level drop away from the threshold when told to reset', () => {
    const dropped = wiggle.map((v, t) => (t < 60 ? v + 0.45 : v));
    const reset = replayNoise(dropped, 0.3, 0.1, { sign: 1, drop: 0.1 });
    const plain = replayNoise(dropped, 0.3, 0.1, null);
    expect(reset.trendSd).toBeLessThan(plain.trendSd);
  });

  it('reports NaN for too short a window', () => {
    expect(replayNoise([1, 2, 3], 0.3, 0.1, null).trendSd).toBeNaN();
  });
});

describe('mad', () => {
  it('is the median absolute deviation', () => {
    expect(mad(Float64Array.from([1, 1, 2, 2, 4, 6, 9]))).toBe(1);
  });
});
