import { describe, expect, it } from 'vitest';
import { ForecastInputError } from './errors.ts';
import { timeToThreshold } from './time-to-threshold.ts';

const ramp = Array.from({ length: 10 }, (_, i) => 10 * (i + 1)); // 10, 20, ..., 100

describe('timeToThreshold', () => {
  it('interpolates the crossing of a linear ramp', () => {
    expect(timeToThreshold(ramp, 25, 60)).toBe(150);
    expect(timeToThreshold(ramp, 100, 60)).toBe(600);
  });

  it('counts one step when the first forecast is already past the threshold', () => {
    expect(timeToThreshold(ramp, 5, 60)).toBe(60);
  });

  it('finds a downward crossing', () => {
    const falling = ramp.map((value) => 100 - value); // 90 .. 0
    expect(timeToThreshold(falling, 45, 30, 'below')).toBe(165);
  });

  it('returns null when the forecast never crosses', () => {
    expect(timeToThreshold(ramp, 101, 60)).toBeNull();
    expect(timeToThreshold(ramp, 5, 60, 'below')).toBeNull();
  });

  it('names the bad input', () => {
    const field = (run: () => unknown) => {
      try {
        run();
      } catch (error) {
        return error instanceof ForecastInputError ? error.field : 'other';
      }
      return undefined;
    };
    expect(field(() => timeToThreshold(ramp, 10, 0))).toBe('stepSeconds');
    expect(field(() => timeToThreshold(ramp, Number.NaN, 60))).toBe('threshold');
    expect(field(() => timeToThreshold([1, Number.NaN], 1, 60))).toBe('forecast');
  });
});
