import { Forecast, type MetricSample } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { buildForecast } from './build-forecast.ts';
import { MetricHistory } from './history.ts';
import { metricValues } from './values.test-util.ts';

const START = Date.parse('2026-01-05T00:00:00.000Z');
const iso = (tick: number) => new Date(START + tick * 10_000).toISOString();
const sample = (tick: number, values: Partial<MetricSample['values']>): MetricSample => ({
  at: iso(tick),
  service: 'orders-api',
  values: metricValues(values),
});
/** `hours` of samples every 10 s; `memory(tick)` gives the value. */
const historyOf = (hours: number, memory: (tick: number) => number): MetricHistory => {
  const h = new MetricHistory();
  for (let t = 0; t < hours * 360; t++) {
    h.add(sample(t, { memory: memory(t), throughput_rps: 400 + 50 * Math.sin(t / 500) }));
  }
  return h;
};
const noise = (t: number) => 0.01 * Math.sin(t * 1.3) * Math.cos(t * 0.11);
const threshold = { value: 0.88, direction: 'above' as const };

describe('buildForecast', () => {
  it('returns a schema-valid forecast with times stepping 5 minutes from the last bucket', () => {
    const h = historyOf(6, (t) => 0.5 + noise(t));
    const now = iso(6 * 360);
    const f = buildForecast(h, 'orders-api', 'memory', { now, threshold });
    expect(f).not.toBeNull();
    const parsed = Forecast.parse(f);
    expect(parsed.stepSeconds).toBe(300);
    expect(parsed.actual).toHaveLength(71);
    expect(parsed.fitted).toHaveLength(71);
    expect(parsed.forecast).toHaveLength(288);
    const last = Date.parse(parsed.actual.at(-1)?.at ?? '');
    expect(Date.parse(parsed.forecast[0]?.at ?? '')).toBe(last + 300_000);
    expect(Date.parse(parsed.forecast[287]?.at ?? '')).toBe(last + 288 * 300_000);
    expect(parsed.fittedAt).toBe(now);
    expect(parsed.predictedCrossing).toBeNull();
    expect(Math.abs(parsed.anomalyScore)).toBeLessThan(3.5);
    expect(parsed.anomalous).toBe(false);
  });

  it('widens its interval with the horizon', () => {
    const h = historyOf(6, (t) => 400 + 30 * Math.sin(t / 40));
    const f = buildForecast(h, 'orders-api', 'memory', { now: iso(2160), horizon: 48 });
    const widths = f?.forecast.map((p) => p.upper - p.lower) ?? [];
    expect(widths).toHaveLength(48);
    for (let i = 1; i < widths.length; i++) {
      expect(widths[i]).toBeGreaterThanOrEqual((widths[i - 1] ?? 0) - 1e-12);
    }
    expect(widths[47]).toBeGreaterThan(widths[0] ?? Number.POSITIVE_INFINITY);
  });

  it('reports the crossing of a slow ramp', () => {
    // From 0.5, +0.02 per hour: 0.88 is reached 19 h after the start, 13 h after `now`.
    const h = historyOf(6, (t) => 0.5 + (0.02 * t) / 360 + noise(t) / 5);
    const now = iso(6 * 360);
    const f = buildForecast(h, 'orders-api', 'memory', { now, threshold });
    const inSeconds = f?.predictedCrossing?.inSeconds ?? 0;
    expect(inSeconds / 3600).toBeGreaterThan(11);
    expect(inSeconds / 3600).toBeLessThan(15);
    expect(Date.parse(f?.predictedCrossing?.at ?? '') - Date.parse(now)).toBeCloseTo(
      inSeconds * 1000,
      -4,
    );
  });

  it('flags a sudden jump in the latest bucket as anomalous', () => {
    const h = historyOf(6, (t) => (t >= 2100 ? 0.8 : 0.5 + noise(t) / 5));
    const f = buildForecast(h, 'orders-api', 'memory', { now: iso(2160) });
    expect(f?.anomalous).toBe(true);
    expect(f?.anomalyScore).toBeGreaterThan(3.5);
  });

  it('keeps fractions within 0..1 and keeps only the last actualPoints', () => {
    const h = historyOf(6, (t) => Math.min(0.99, 0.6 + (0.2 * t) / 360));
    const f = buildForecast(h, 'orders-api', 'memory', { now: iso(2160), actualPoints: 24 });
    expect(f?.actual).toHaveLength(24);
    for (const p of f?.forecast ?? []) expect(p.upper).toBeLessThanOrEqual(1);
  });

  it('is null with fewer than 4 buckets or for an unknown series', () => {
    const h = historyOf(0.3, () => 0.5);
    expect(h.buckets('orders-api', 'memory').values).toHaveLength(3);
    expect(buildForecast(h, 'orders-api', 'memory', { now: iso(200) })).toBeNull();
    expect(buildForecast(h, 'nope', 'memory', { now: iso(200) })).toBeNull();
  });
});
