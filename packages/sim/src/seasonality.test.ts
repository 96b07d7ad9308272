import { describe, expect, it } from 'vitest';
import { dailyShape, growth, trafficLoad, weekPhase } from './seasonality.ts';

const at = (iso: string) => Date.parse(iso) / 1000;

describe('trafficLoad', () => {
  it('peaks in the afternoon and is low at night', () => {
    expect(dailyShape(15)).toBeCloseTo(1);
    expect(dailyShape(3)).toBeLessThan(0.3);
    expect(trafficLoad(at('2026-01-06T15:00:00Z'), 0, 0)).toBeGreaterThan(
      2 * trafficLoad(at('2026-01-06T03:00:00Z'), 0, 0),
    );
  });

  it('follows local time: us-east-1 peaks five hours after eu-west-1', () => {
    expect(trafficLoad(at('2026-01-06T20:00:00Z'), -5, 0)).toBeCloseTo(1);
  });

  it('is lower at the weekend than on a weekday at the same hour', () => {
    const saturday = trafficLoad(at('2026-01-10T15:00:00Z'), 0, 0);
    const friday = trafficLoad(at('2026-01-09T15:00:00Z'), 0, 0);
    expect(saturday).toBeLessThan(friday * 0.8);
  });

  it('grows a few percent a week and levels off', () => {
    const week = 7 * 86400;
    expect(growth(week) - 1).toBeGreaterThan(0.02);
    expect(growth(week) - 1).toBeLessThan(0.05);
    expect(growth(520 * week)).toBeLessThanOrEqual(1.25);
  });
});

describe('weekPhase', () => {
  it('cycles through 0..1 once a week', () => {
    expect(weekPhase(0, 0.25)).toBeCloseTo(0.25);
    expect(weekPhase(7 * 86400, 0.25)).toBeCloseTo(0.25);
    expect(weekPhase(3.5 * 86400, 0.75)).toBeCloseTo(0.25);
  });
});
