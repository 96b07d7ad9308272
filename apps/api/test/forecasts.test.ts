import { FitResult } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { harness, json } from './harness.ts';

const air = [
  17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797,
  32.577569, 33.477398, 39.021581, 41.386432, 41.596552,
];

describe('POST /api/forecasts/fit', () => {
  it('fits Holt with fixed smoothing parameters and fits the rest', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/forecasts/fit', {
      body: { series: air, horizon: 5, alpha: 0.8, beta: 0.2 },
    });
    expect(res.status).toBe(200);
    const body = FitResult.parse(await res.json());
    expect(body.alpha).toBe(0.8);
    expect(body.beta).toBe(0.2);
    expect(body.forecast).toHaveLength(5);
    expect(body.fitted).toHaveLength(air.length);
    expect(body.lower.every((l, i) => l <= (body.forecast[i] ?? Number.NaN))).toBe(true);
    expect(body.phi).toBeUndefined();
  });

  it('fits a damped trend with phi inside its bounds', async () => {
    const h = await harness();
    const body = FitResult.parse(
      await json(
        h.call('POST', '/api/forecasts/fit', { body: { series: air, horizon: 10, damped: true } }),
      ),
    );
    expect(body.phi).toBeGreaterThanOrEqual(0.8);
    expect(body.phi).toBeLessThanOrEqual(0.98);
  });

  it('refuses short series, non-finite numbers and horizons out of range, naming the field', async () => {
    const h = await harness();
    const cases: [unknown, string][] = [
      [{ series: [1, 2, 3], horizon: 5 }, 'series'],
      [{ series: [1, 2, 3, 'x'], horizon: 5 }, 'series'],
      [{ series: [1, 2, 3, 4], horizon: 0 }, 'horizon'],
      [{ series: [1, 2, 3, 4], horizon: 1001 }, 'horizon'],
      [{ series: [1, 2, 3, 4], horizon: 3, alpha: 1.5 }, 'alpha'],
      [{ series: [1, 2, 3, 4], horizon: 3, phi: 0.5 }, 'phi'],
      [{ horizon: 3 }, 'series'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', '/api/forecasts/fit', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(JSON.stringify(await res.json())).toContain(field);
    }
    const nan = await h.call('POST', '/api/forecasts/fit', {
      raw: '{"series":[1,2,3,NaN],"horizon":2}',
    });
    expect(nan.status).toBe(400);
  });
});

describe('GET /api/forecasts pages', () => {
  it('walks every series once, in order, with or without a metric filter', async () => {
    const h = await harness({ faultGeneration: false });
    await h.engine.advance(6 * 30); // 30 virtual minutes: every series has its four buckets
    const walk = async (filter: string) => {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const res = await h.call(
          'GET',
          `/api/forecasts?limit=7${filter}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
        );
        expect(res.status).toBe(200);
        const body = (await res.json()) as {
          items: { service: string; metric: string }[];
          nextCursor: string | null;
        };
        seen.push(...body.items.map((f) => `${f.service}|${f.metric}`));
        cursor = body.nextCursor;
      } while (cursor);
      return seen;
    };
    const all = h.engine.forecastSeries().map((s) => `${s.service}|${s.metric}`);
    expect(all.length).toBeGreaterThan(20);
    expect(await walk('')).toEqual(all);
    expect(await walk('&metric=cpu')).toEqual(all.filter((k) => k.endsWith('|cpu')));
    const bad = await h.call('GET', '/api/forecasts?cursor=bm90LWEtc2VyaWVz');
    expect(bad.status).toBe(400);
  });
});
