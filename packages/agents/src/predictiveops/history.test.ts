import type { MetricSample } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { MetricHistory } from './history.ts';
import { metricValues } from './values.test-util.ts';
import { warmHistory } from './warm.ts';

const START = Date.parse('2026-01-05T00:00:00.000Z');
const sample = (tick: number, memory: number, service = 'api'): MetricSample => ({
  at: new Date(START + tick * 10_000).toISOString(),
  service,
  values: metricValues({ memory, cpu: 0.2 }),
});

describe('MetricHistory', () => {
  it('averages each 5-minute bucket and leaves the open bucket out', () => {
    const h = new MetricHistory();
    // 30 samples per bucket: values 0..29 in the first, 100..129 in the second, one in the third.
    for (let t = 0; t < 61; t++) h.add(sample(t, t < 30 ? t : 100 + (t - 30)));
    const b = h.buckets('api', 'memory');
    expect(b.values).toEqual([14.5, 114.5]);
    expect(b.at).toEqual(['2026-01-05T00:00:00.000Z', '2026-01-05T00:05:00.000Z']);
  });

  it('keeps the latest raw samples oldest first', () => {
    const h = new MetricHistory({ rawCapacity: 5 });
    for (let t = 0; t < 12; t++) h.add(sample(t, t));
    const raw = h.raw('api', 'memory');
    expect(raw.values).toEqual([7, 8, 9, 10, 11]);
    expect(raw.at[0]).toBe(new Date(START + 70_000).toISOString());
  });

  it('stays bounded however long it runs', () => {
    const h = new MetricHistory({ rawCapacity: 360, bucketCapacity: 288 });
    for (let t = 0; t < 8640 * 3; t++) {
      h.add(sample(t, 0.5));
      h.add(sample(t, 0.4, 'db'));
    }
    expect(h.raw('api', 'memory').values).toHaveLength(360);
    expect(h.buckets('api', 'memory').values).toHaveLength(288);
    expect(h.serviceCount).toBe(2);
    expect(h.series()).toHaveLength(12);
  });

  it('records a batch as it records its samples one by one, whatever their order', () => {
    const one = new MetricHistory();
    const all = new MetricHistory();
    const services = ['api', 'db', 'cache'];
    for (let t = 0; t < 95; t++) {
      // The order changes every few ticks; a service may be missing from a batch.
      const order = t % 7 < 4 ? services : [...services].reverse().slice(0, 2 + (t % 2));
      const batch = order.map((service, i) => sample(t, t * (i + 1) + 0.25, service));
      for (const s of batch) one.add(s);
      expect(all.addAll(batch)).toBe(batch.length);
    }
    for (const service of services) {
      expect(all.buckets(service, 'memory')).toEqual(one.buckets(service, 'memory'));
    }
    expect(all.series()).toEqual(one.series());
  });

  it('ignores samples older than the latest and invalid times', () => {
    const h = new MetricHistory();
    expect(h.add(sample(5, 1))).toBe(true);
    expect(h.add(sample(4, 2))).toBe(false);
    expect(h.add({ at: 'nonsense', service: 'api', values: metricValues({ memory: 1 }) })).toBe(
      false,
    );
    expect(h.raw('api', 'memory').values).toEqual([1]);
  });

  it('lists every service and metric it has seen', () => {
    const h = new MetricHistory();
    h.add(sample(0, 0.5));
    h.add({ at: sample(1, 0).at, service: 'db', values: { disk: 0.4 } as MetricSample['values'] });
    expect(h.series()).toHaveLength(7);
    expect(h.series()).toContainEqual({ service: 'db', metric: 'disk' });
    expect(h.series()).not.toContainEqual({ service: 'db', metric: 'memory' });
    expect(h.raw('nope', 'memory')).toEqual({ at: [], values: [] });
  });

  it('changes its bucket stamp only when a bucket closes', () => {
    const h = new MetricHistory();
    expect(
      warmHistory(
        h,
        [0, 1, 2].map((t) => sample(t, 0.5)),
      ),
    ).toBe(3);
    expect(h.bucketStamp('api', 'memory')).toBeNull();
    h.add(sample(30, 0.5));
    const stamp = h.bucketStamp('api', 'memory');
    h.add(sample(31, 0.5));
    expect(h.bucketStamp('api', 'memory')).toBe(stamp);
    h.add(sample(60, 0.5));
    expect(h.bucketStamp('api', 'memory')).not.toBe(stamp);
  });

  it('keeps no raw samples with a raw capacity of 0, and buckets all the same', () => {
    const h = new MetricHistory({ rawCapacity: 0 });
    for (let t = 0; t < 61; t++) h.add(sample(t, t < 30 ? 1 : 3));
    expect(h.raw('api', 'memory').values).toEqual([]);
    expect(h.buckets('api', 'memory').values).toEqual([1, 3]);
  });

  it('rejects a capacity that is not a whole number of samples or buckets', () => {
    expect(() => new MetricHistory({ rawCapacity: -1 })).toThrow(RangeError);
    expect(() => new MetricHistory({ rawCapacity: 1.5 })).toThrow(RangeError);
    expect(() => new MetricHistory({ bucketCapacity: 0 })).toThrow(RangeError);
  });

  it('gives every series a stable index in the order first seen', () => {
    const h = new MetricHistory();
    h.add({ at: sample(0, 0).at, service: 'db', values: { disk: 0.4 } as MetricSample['values'] });
    h.add(sample(0, 0.5));
    h.add({
      at: sample(1, 0).at,
      service: 'db',
      values: { memory: 0.4 } as MetricSample['values'],
    });
    expect(h.seriesCount).toBe(8);
    expect(h.seriesAt(0)).toEqual({ service: 'db', metric: 'disk' });
    expect(h.seriesAt(7)).toEqual({ service: 'db', metric: 'memory' });
    expect(h.series()).toEqual(Array.from({ length: 8 }, (_, i) => h.seriesAt(i)));
  });
});
