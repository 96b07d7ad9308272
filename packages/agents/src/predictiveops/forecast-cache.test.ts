import { describe, expect, it } from 'vitest';
import { ForecastCache } from './forecast-cache.ts';
import { MetricHistory } from './history.ts';
import { metricValues } from './values.test-util.ts';

const START = Date.parse('2026-01-05T00:00:00.000Z');
const iso = (tick: number) => new Date(START + tick * 10_000).toISOString();
const feed = (h: MetricHistory, from: number, to: number) => {
  for (let t = from; t < to; t++) {
    h.add({ at: iso(t), service: 'db', values: metricValues({ disk: 0.4 + (0.05 * t) / 360 }) });
  }
};
const threshold = { value: 0.8, direction: 'above' as const };

describe('ForecastCache', () => {
  it('refits only when the series gains a bucket', () => {
    const h = new MetricHistory();
    feed(h, 0, 721);
    const cache = new ForecastCache();
    const first = cache.get(h, 'db', 'disk', { now: iso(721), threshold });
    feed(h, 721, 726); // still inside the open bucket
    const again = cache.get(h, 'db', 'disk', { now: iso(726), threshold });
    expect(cache.hits).toBe(1);
    expect(again?.fittedAt).toBe(first?.fittedAt);
    // The crossing itself is unchanged; only how far away it is follows `now`.
    expect(again?.predictedCrossing?.at).toBe(first?.predictedCrossing?.at);
    expect(again?.predictedCrossing?.inSeconds).toBe(
      (first?.predictedCrossing?.inSeconds ?? 0) - 50,
    );
    feed(h, 725, 760);
    cache.get(h, 'db', 'disk', { now: iso(760), threshold });
    expect(cache.misses).toBe(2);
  });

  it('keeps separate entries for different options and stays within its size', () => {
    const h = new MetricHistory();
    feed(h, 0, 360);
    const cache = new ForecastCache(2);
    cache.get(h, 'db', 'disk', { now: iso(360), horizon: 12 });
    cache.get(h, 'db', 'disk', { now: iso(360), horizon: 24 });
    cache.get(h, 'db', 'disk', { now: iso(360), horizon: 36 });
    expect(cache.misses).toBe(3);
    expect(cache.size).toBe(2);
  });

  it('builds anew when the series model is refit, and from the model', () => {
    const h = new MetricHistory();
    feed(h, 0, 721);
    const cache = new ForecastCache();
    const model = { alpha: 0.4, beta: 0.05 };
    const first = cache.get(h, 'db', 'disk', { now: iso(721), model });
    expect(first?.params.alpha).toBe(0.4);
    expect(first?.damped).toBe(false);
    cache.get(h, 'db', 'disk', { now: iso(722), model });
    expect(cache.hits).toBe(1);
    const damped = { alpha: 0.4, beta: 0.05, phi: 0.9 };
    const second = cache.get(h, 'db', 'disk', { now: iso(723), model: damped });
    expect(cache.misses).toBe(2);
    expect(second?.params.phi).toBe(0.9);
    expect(second?.damped).toBe(true);
  });

  it('remembers that a series has too little data', () => {
    const h = new MetricHistory();
    feed(h, 0, 10);
    const cache = new ForecastCache();
    expect(cache.get(h, 'db', 'disk', { now: iso(10) })).toBeNull();
    expect(cache.get(h, 'db', 'disk', { now: iso(10) })).toBeNull();
    expect(cache.hits).toBe(1);
  });
});
