import type { MetricName, MetricSample } from '@watchfloor/domain';
import { ByPosition } from './by-position.ts';
import { METRICS, metricIndex, readRing, ServiceStore } from './service-store.ts';
import { TimeParser, toIso } from './time.ts';

export interface MetricHistoryOptions {
  /** Raw samples kept per service; default 360 (1 h at one sample per 10 s); 0 keeps none. */
  rawCapacity?: number;
  /** Bucket width in seconds; default 300 (5 min). */
  bucketSeconds?: number;
  /** Completed buckets kept per service; default 288 (24 h of 5-min buckets). */
  bucketCapacity?: number;
}

/** A time series, oldest first. */
export interface TimeSeries {
  at: string[];
  values: number[];
}

export interface SeriesId {
  service: string;
  metric: MetricName;
}

/**
 * Bounded per-service/metric history: a ring of the latest raw samples and a ring of
 * completed bucket means. Memory is fixed per service (rings are preallocated), so it grows
 * only with the number of services. Samples older than a service's latest are ignored.
 */
export class MetricHistory {
  readonly rawCapacity: number;
  readonly bucketSeconds: number;
  readonly bucketCapacity: number;
  readonly #services = new Map<string, ServiceStore>();
  /** Every series in the order first seen; only ever appended to, so an index stays valid. */
  readonly #series: SeriesId[] = [];
  readonly #time = new TimeParser();
  readonly #byPosition = new ByPosition((service) => this.#store(service));

  constructor(options: MetricHistoryOptions = {}) {
    this.rawCapacity = nonNegativeInt(options.rawCapacity ?? 360, 'rawCapacity');
    this.bucketSeconds = positiveInt(options.bucketSeconds ?? 300, 'bucketSeconds');
    this.bucketCapacity = positiveInt(options.bucketCapacity ?? 288, 'bucketCapacity');
  }

  /** Records one sample; false when it is not newer than the service's latest or its time is invalid. */
  add(sample: MetricSample): boolean {
    return this.#add(sample, this.#store(sample.service));
  }

  /** `add` for a batch (one tick's samples of every service); returns how many were kept. */
  addAll(samples: readonly MetricSample[]): number {
    let kept = 0;
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i];
      if (sample && this.#add(sample, this.#byPosition.get(i, sample.service))) kept++;
    }
    return kept;
  }

  #add(sample: MetricSample, store: ServiceStore): boolean {
    const ms = this.#time.ms(sample.at);
    if (!Number.isFinite(ms)) return false;
    if (ms <= store.lastMs) return false;
    store.lastMs = ms;
    const bucketMs = this.bucketSeconds * 1000;
    const fresh = store.add(ms, Math.floor(ms / bucketMs) * bucketMs, sample.values);
    if (fresh !== 0) {
      for (let m = 0; m < METRICS.length; m++) {
        const metric = METRICS[m];
        if (!(fresh & (1 << m)) || !metric) continue;
        store.seriesIndex[m] = this.#series.length;
        this.#series.push({ service: sample.service, metric });
      }
    }
    return true;
  }

  /** Allocates a service's rings ahead of its first sample (e.g. the whole estate at start-up). */
  track(service: string): void {
    this.#store(service);
  }

  /** The latest raw samples of a series, oldest first. */
  raw(service: string, metric: MetricName): TimeSeries {
    const s = this.#services.get(service);
    if (!s) return { at: [], values: [] };
    return readRing(s.rawTimes, s.raw, metricIndex(metric), s.rawHead, s.rawCount, toIso);
  }

  /** Completed bucket means (the open bucket is left out until it closes), oldest first; `at` is each bucket's start. */
  buckets(service: string, metric: MetricName): TimeSeries {
    const s = this.#services.get(service);
    if (!s) return { at: [], values: [] };
    const m = metricIndex(metric);
    return readRing(s.bucketTimes, s.buckets, m, s.bucketHead, s.bucketCount, toIso);
  }

  /** Just the finite bucket means of `buckets`, oldest first (no times to format). */
  bucketValues(service: string, metric: MetricName): number[] {
    const s = this.#services.get(service);
    const m = metricIndex(metric);
    const out: number[] = [];
    if (!s || m < 0) return out;
    const cap = s.bucketCapacity;
    for (let k = 0; k < s.bucketCount; k++) {
      const value = s.buckets[m * cap + ((s.bucketHead - s.bucketCount + k + cap) % cap)];
      if (value !== undefined && Number.isFinite(value)) out.push(value);
    }
    return out;
  }

  /** Changes whenever a series gains a completed bucket: `count@lastBucketMs`, or null. */
  bucketStamp(service: string, metric: MetricName): string | null {
    const last = this.lastBucketMs(service, metric);
    if (Number.isNaN(last)) return null;
    return `${this.#services.get(service)?.bucketCount}@${last}`;
  }

  /** Start (ms) of a series' newest completed bucket (grows with every bucket), NaN when none. */
  lastBucketMs(service: string, metric: MetricName): number {
    const s = this.#services.get(service);
    if (!s || !(s.seen & (1 << metricIndex(metric)))) return Number.NaN;
    return s.lastBucketMs;
  }

  /** Every service/metric pair seen so far, in the order first seen. */
  series(): SeriesId[] {
    return this.#series.slice();
  }

  /** How many series `seriesAt` reaches: indices are stable, new series come last. */
  get seriesCount(): number {
    return this.#series.length;
  }

  seriesAt(index: number): SeriesId | undefined {
    return this.#series[index];
  }

  /** Completed buckets kept for a service (its metrics' may have gaps). */
  bucketCount(service: string): number {
    return this.#services.get(service)?.bucketCount ?? 0;
  }

  /** The `seriesAt` index of a series, -1 when never seen. */
  indexOf(service: string, metric: MetricName): number {
    return this.#services.get(service)?.seriesIndex[metricIndex(metric)] ?? -1;
  }

  get serviceCount(): number {
    return this.#services.size;
  }

  #store(service: string): ServiceStore {
    const known = this.#services.get(service);
    if (known) return known;
    const store = new ServiceStore(this.rawCapacity, this.bucketCapacity);
    this.#services.set(service, store);
    return store;
  }
}

const nonNegativeInt = (value: number, name: string): number => {
  if (!Number.isInteger(value) || value < 0)
    throw new RangeError(`${name} must be a non-negative integer`);
  return value;
};

const positiveInt = (value: number, name: string): number => {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
};
