import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildForecast } from './build-forecast.ts';
import { ForecastModels, REFIT_COST } from './forecast-models.ts';
import { MetricHistory } from './history.ts';
import { metricValues } from './values.test-util.ts';

const START = Date.parse('2026-01-05T00:00:00.000Z');
const iso = (tick: number) => new Date(START + tick * 10_000).toISOString();
/** One sample per service every 10 s; a bucket closes every 30 ticks. */
const feed = (h: MetricHistory, services: number, from: number, to: number) => {
  for (let t = from; t < to; t++) {
    for (let s = 0; s < services; s++) {
      const wave = 0.05 * Math.sin((t + 7 * s) / 40) + 0.002 * Math.cos(t * 1.7 + s);
      h.add({
        at: iso(t),
        service: `svc-${s}`,
        values: metricValues({ memory: 0.5 + wave + (s * t) / 1e6, cpu: 0.3 + wave }),
      });
    }
  }
};

/** Series whose model is not fitted through their newest bucket. */
const stale = (h: MetricHistory, models: ForecastModels): number => {
  let n = 0;
  for (const { service, metric } of h.series()) {
    if (models.get(h, service, metric)?.fittedThrough !== h.lastBucketMs(service, metric)) n++;
  }
  return n;
};

describe('ForecastModels', () => {
  it('spends at most its budget per call and refits every series within a round of calls', () => {
    const h = new MetricHistory();
    feed(h, 5, 0, 12 * 30 + 1); // 12 buckets for 30 series
    const models = new ForecastModels({ refitEverySeconds: 300 });
    // First fits search from scratch: four per call of 16.
    const first = Array.from({ length: 8 }, () => models.refitDue(h, 16));
    expect(first).toEqual([4, 4, 4, 4, 4, 4, 4, 2]);
    expect(models.spent).toBe(30 * REFIT_COST.cold);
    expect(stale(h, models)).toBe(0);
    expect(models.refitDue(h, 16)).toBe(0); // nothing new since
    feed(h, 5, 12 * 30 + 1, 13 * 30 + 1); // one more bucket everywhere
    expect(stale(h, models)).toBe(30);
    // Refits start from the previous model: sixteen per call.
    expect([models.refitDue(h, 16), models.refitDue(h, 16)]).toEqual([16, 14]);
    expect(stale(h, models)).toBe(0);
    expect(models.refits).toBe(60);
    expect(models.spent).toBe(30 * REFIT_COST.cold + 30 * REFIT_COST.warm);
  });

  it('has every series refit within a round of a bucket, whatever the budget and estate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 20 }),
        (services, budget, ticksPerCall) => {
          const h = new MetricHistory();
          const models = new ForecastModels({ points: 24, refitEverySeconds: 300 });
          // Each call refits at least one series, or as many from scratch as the budget buys.
          const perCall = Math.max(1, Math.floor(budget / REFIT_COST.cold));
          const round = Math.ceil((services * 6) / perCall);
          let t = 4 * 30 + 1;
          feed(h, services, 0, t);
          let gainedAt = 0; // every bucket closes on all series at once
          for (let call = 0; call < 3 * round + 10; call++) {
            const before = h.lastBucketMs('svc-0', 'memory');
            if (call > 0) {
              feed(h, services, t, t + ticksPerCall);
              t += ticksPerCall;
            }
            if (h.lastBucketMs('svc-0', 'memory') !== before) gainedAt = call;
            const spent = models.spent;
            const done = models.refitDue(h, budget);
            expect(done <= 1 || models.spent - spent <= budget).toBe(true);
            if (call - gainedAt >= round - 1) expect(stale(h, models)).toBe(0);
          }
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refits a series as its buckets double, then once an hour of new data', () => {
    const h = new MetricHistory();
    const models = new ForecastModels();
    const fittedAt: number[] = [];
    feed(h, 1, 0, 1);
    for (let bucket = 1; bucket <= 40; bucket++) {
      feed(h, 1, (bucket - 1) * 30 + 1, bucket * 30 + 1);
      if (models.refitDue(h, 100) > 0) fittedAt.push(bucket);
    }
    expect(fittedAt).toEqual([4, 8, 16, 28, 40]);
    expect(models.refits).toBe(5 * 6);
    expect(models.get(h, 'svc-0', 'memory')?.points).toBe(40);
  });

  it('skips series with too few buckets without spending the budget on them', () => {
    const h = new MetricHistory();
    feed(h, 2, 0, 3 * 30 + 1); // 3 buckets: too few to fit
    const models = new ForecastModels({ refitEverySeconds: 300 });
    expect(models.refitDue(h, 100)).toBe(0);
    expect(models.size).toBe(0);
    feed(h, 2, 3 * 30 + 1, 4 * 30 + 1);
    expect(models.refitDue(h, 100)).toBe(12);
    expect(models.size).toBe(12);
  });

  it('builds the same forecast from the model as from a full fit on the data it was fitted to', () => {
    const h = new MetricHistory();
    feed(h, 1, 0, 8 * 360);
    const models = new ForecastModels({ refitEverySeconds: 300 });
    models.refitDue(h, 100);
    const now = iso(8 * 360);
    const model = models.get(h, 'svc-0', 'memory');
    expect(model).not.toBeNull();
    const full = buildForecast(h, 'svc-0', 'memory', { now });
    const warm = buildForecast(h, 'svc-0', 'memory', { now, model });
    expect(warm?.params.alpha).toBe(full?.params.alpha);
    expect(warm?.damped).toBe(full?.damped);
    expect(warm?.params.level0).toBeCloseTo(full?.params.level0 ?? Number.NaN, 6);
    warm?.forecast.forEach((p, i) => {
      expect(p.value).toBeCloseTo(full?.forecast[i]?.value ?? Number.NaN, 6);
    });
  });

  it('replays the same models for the same history and calls', () => {
    const run = () => {
      const h = new MetricHistory();
      const models = new ForecastModels({ refitEverySeconds: 300 });
      for (let b = 4; b < 10; b++) {
        feed(h, 3, b === 4 ? 0 : (b - 1) * 30 + 1, b * 30 + 1);
        models.refitDue(h, 5);
      }
      return h.series().map(({ service, metric }) => models.get(h, service, metric));
    };
    expect(run()).toEqual(run());
  });
});
