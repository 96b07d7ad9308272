import type { MetricName, MetricSample } from '@watchfloor/domain';
import { readRing, ServiceStore } from './service-store.ts';
import { TimeParser, toIso } from './time.ts';

export interface MetricHistoryOptions {
  /** Raw samples kept per service; default 360 (1 h at one sample per 10 s). */
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
  readonly #time = new TimeParser();

  constructor(options: MetricHistoryOptions = {}) {
    this.rawCapacity = positiveInt(options.rawCapacity ?? 360, 'rawCapacity');
    this.bucketSeconds = positiveInt(options.bucketSeconds ?? 300, 'bucketSeconds');
    this.bucketCapacity = positiveInt(options.bucketCapacity ?? 288, 'bucketCapacity');
  }

  /** Records one sample; false when it is not newer than the service's latest or its time is invalid. */
  add(sample: MetricSample): boolean {
    const ms = this.#time.ms(sample.at);
    if (!Number.isFinite(ms)) return false;
    const store = this.#store(sample.service);
    if (ms <= store.lastMs) return false;
    store.lastMs = ms;
    const finite = finiteValues(sample.values);
    store.pushRaw(ms, finite);
    const bucketMs = this.bucketSeconds * 1000;
    const bucket = Math.floor(ms / bucketMs) * bucketMs;
    if (bucket !== store.openBucket) {
      store.closeBucket();
      store.openBucket = bucket;
    }
    store.accumulate(finite);
    return true;
  }

  /** The latest raw samples of a series, oldest first. */
  raw(service: string, metric: MetricName): TimeSeries {
    const s = this.#services.get(service);
    if (!s) return { at: [], values: [] };
    return readRing(s.rawTimes, s.rawValues.get(metric), s.rawHead, s.rawCount, toIso);
  }

  /** Completed bucket means (the open bucket is left out until it closes), oldest first; `at` is each bucket's start. */
  buckets(service: string, metric: MetricName): TimeSeries {
    const s = this.#services.get(service);
    if (!s) return { at: [], values: [] };
    return readRing(s.bucketTimes, s.bucketValues.get(metric), s.bucketHead, s.bucketCount, toIso);
  }

  /** Changes whenever a series gains a completed bucket: `count@lastBucketMs`, or null. */
  bucketStamp(service: string, metric: MetricName): string | null {
    const s = this.#services.get(service);
    if (!s?.bucketValues.has(metric) || s.bucketCount === 0) return null;
    const last = s.bucketTimes[(s.bucketHead - 1 + s.bucketCapacity) % s.bucketCapacity];
    return `${s.bucketCount}@${last}`;
  }

  /** Every service/metric pair seen so far. */
  series(): SeriesId[] {
    const out: SeriesId[] = [];
    for (const [service, store] of this.#services) {
      for (const metric of store.rawValues.keys()) out.push({ service, metric });
    }
    return out;
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

const finiteValues = (
  values: Partial<Record<MetricName, number>>,
): Partial<Record<MetricName, number>> => {
  for (const v of Object.values(values)) {
    if (!Number.isFinite(v)) {
      return Object.fromEntries(Object.entries(values).filter(([, x]) => Number.isFinite(x)));
    }
  }
  return values;
};

const positiveInt = (value: number, name: string): number => {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be a positive integer`);
  return value;
};
