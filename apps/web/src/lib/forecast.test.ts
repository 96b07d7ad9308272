import type { Forecast } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import {
  formatMetric,
  formatMetricTick,
  formatParam,
  formatSse,
  residualScores,
  toForecastPoints,
} from './forecast.ts';

const t = (minute: number) => new Date(Date.UTC(2026, 0, 5, 9, minute)).toISOString();

const forecast = (overrides: Partial<Forecast> = {}): Forecast => ({
  service: 'orders-db',
  metric: 'cpu',
  stepSeconds: 300,
  fittedAt: t(30),
  params: { alpha: 0.5, beta: 0.1, level0: 0.3, trend0: 0, sse: 0.01 },
  damped: false,
  actual: [0, 5, 10, 15, 20, 25].map((m, i) => ({
    at: t(m),
    value: [0.3, 0.31, 0.3, 0.32, 0.31, 0.9][i] ?? 0,
  })),
  fitted: [0.3, 0.3, 0.31, 0.3, 0.31, 0.31],
  forecast: [
    { at: t(25), value: 0.31, lower: 0.2, upper: 0.4 },
    { at: t(30), value: 0.32, lower: 0.2, upper: 0.44 },
  ],
  anomalyScore: 0,
  anomalous: false,
  threshold: { value: 0.85, direction: 'above' },
  predictedCrossing: null,
  ...overrides,
});

describe('residualScores', () => {
  it('scores an outlier far above the rest and is zero when nothing spreads', () => {
    const scores = residualScores([1, 1.1, 0.9, 1, 1.05, 5], [1, 1, 1, 1, 1, 1]);
    expect(Math.abs(scores[5] ?? 0)).toBeGreaterThan(3.5);
    expect(Math.abs(scores[0] ?? 0)).toBeLessThan(1);
    expect(residualScores([2, 2, 2], [1, 1, 1])).toEqual([0, 0, 0]);
    expect(residualScores([0, 0, 0], [0, 0, 0])).toEqual([0, 0, 0]);
    // A flat series: a 0.3 % wiggle is not an anomaly.
    const flat = residualScores([0.26, 0.26, 0.26, 0.26, 0.2608], [0.26, 0.26, 0.26, 0.26, 0.26]);
    expect(Math.abs(flat[4] ?? 0)).toBeLessThan(3.5);
  });

  it('leaves NaN where there is no fitted value', () => {
    expect(residualScores([1, 2], [1])[1]).toBeNaN();
  });
});

describe('toForecastPoints', () => {
  it('puts actuals, fitted values and the forecast band on one sorted time axis', () => {
    const points = toForecastPoints(forecast());
    expect(points.map((p) => p.at)).toEqual(
      [0, 5, 10, 15, 20, 25, 30].map((m) => Date.parse(t(m))),
    );
    const overlap = points[5];
    expect(overlap).toMatchObject({ actual: 0.9, fitted: 0.31, forecast: 0.31, band: [0.2, 0.4] });
    expect(points[6]).toMatchObject({
      actual: null,
      fitted: null,
      forecast: 0.32,
      band: [0.2, 0.44],
    });
  });

  it('marks residual outliers, and the latest point when the server flags it', () => {
    const points = toForecastPoints(forecast());
    expect(points.filter((p) => p.anomaly !== null).map((p) => p.anomaly)).toEqual([0.9]);
    const calm = forecast({
      actual: [0, 5, 10].map((m) => ({ at: t(m), value: 0.3 })),
      fitted: [0.3, 0.3, 0.3],
      anomalous: true,
      anomalyScore: 4.2,
    });
    expect(toForecastPoints(calm).map((p) => p.anomaly)).toEqual([null, null, 0.3, null, null]);
  });
});

describe('formatting', () => {
  it('reads metrics in their units', () => {
    expect(formatMetric('error_rate', 0.0425)).toBe('4.25 %');
    expect(formatMetric('cpu', 0.5)).toBe('50.0 %');
    expect(formatMetric('latency_p95_ms', 182.4)).toBe('182 ms');
    expect(formatMetric('throughput_rps', 1234.5)).toBe('1,235 req/s');
    expect(formatMetric('disk', null)).toBe('—');
    expect(formatMetricTick('throughput_rps', 1200)).toBe('1.2k');
    expect(formatMetricTick('cpu', 0.25)).toBe('25 %');
  });

  it('keeps tiny parameters and large errors readable', () => {
    expect(formatParam(0.3456)).toBe('0.346');
    expect(formatParam(1e-12)).toBe('1.0e-12');
    expect(formatSse(1356917.7)).toBe('1.36e+6');
    expect(formatSse(12.3456)).toBe('12.35');
  });
});
