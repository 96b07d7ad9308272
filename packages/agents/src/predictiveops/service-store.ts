import type { MetricName } from '@watchfloor/domain';

/** Raw samples and 5-minute means of one service, in fixed-size rings (oldest overwritten). */
export class ServiceStore {
  readonly rawTimes: Float64Array;
  readonly rawValues = new Map<MetricName, Float64Array>();
  rawHead = 0;
  rawCount = 0;
  readonly bucketTimes: Float64Array;
  readonly bucketValues = new Map<MetricName, Float64Array>();
  bucketHead = 0;
  bucketCount = 0;
  /** Start (ms) of the bucket being filled, NaN before the first sample. */
  openBucket = Number.NaN;
  readonly sums = new Map<MetricName, { sum: number; count: number }>();
  lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly rawCapacity: number,
    readonly bucketCapacity: number,
  ) {
    this.rawTimes = new Float64Array(rawCapacity);
    this.bucketTimes = new Float64Array(bucketCapacity);
  }

  /** The ring of a metric; one first seen late reads NaN (missing) for earlier slots. */
  rawRing(metric: MetricName): Float64Array {
    return ringOf(this.rawValues, metric, this.rawCapacity);
  }

  bucketRing(metric: MetricName): Float64Array {
    return ringOf(this.bucketValues, metric, this.bucketCapacity);
  }

  pushRaw(ms: number, values: Partial<Record<MetricName, number>>): void {
    const slot = this.rawHead;
    this.rawTimes[slot] = ms;
    for (const ring of this.rawValues.values()) ring[slot] = Number.NaN;
    for (const [metric, value] of Object.entries(values) as [MetricName, number][]) {
      this.rawRing(metric)[slot] = value;
    }
    this.rawHead = (slot + 1) % this.rawCapacity;
    this.rawCount = Math.min(this.rawCount + 1, this.rawCapacity);
  }

  /** Closes the open bucket into the bucket ring (means of what it collected). */
  closeBucket(): void {
    if (Number.isNaN(this.openBucket)) return;
    const slot = this.bucketHead;
    this.bucketTimes[slot] = this.openBucket;
    for (const ring of this.bucketValues.values()) ring[slot] = Number.NaN;
    for (const [metric, acc] of this.sums) {
      this.bucketRing(metric)[slot] = acc.count > 0 ? acc.sum / acc.count : Number.NaN;
      acc.sum = 0;
      acc.count = 0;
    }
    this.bucketHead = (slot + 1) % this.bucketCapacity;
    this.bucketCount = Math.min(this.bucketCount + 1, this.bucketCapacity);
  }

  accumulate(values: Partial<Record<MetricName, number>>): void {
    for (const [metric, value] of Object.entries(values) as [MetricName, number][]) {
      const acc = this.sums.get(metric);
      if (acc) {
        acc.sum += value;
        acc.count++;
      } else {
        this.sums.set(metric, { sum: value, count: 1 });
      }
    }
  }
}

const ringOf = (
  rings: Map<MetricName, Float64Array>,
  metric: MetricName,
  capacity: number,
): Float64Array => {
  const known = rings.get(metric);
  if (known) return known;
  const ring = new Float64Array(capacity).fill(Number.NaN);
  rings.set(metric, ring);
  return ring;
};

/** Oldest-first copy of a ring's finite values with their times. */
export const readRing = (
  times: Float64Array,
  values: Float64Array | undefined,
  head: number,
  count: number,
  toIso: (ms: number) => string,
): { at: string[]; values: number[] } => {
  const out = { at: [] as string[], values: [] as number[] };
  if (!values) return out;
  const capacity = times.length;
  for (let k = 0; k < count; k++) {
    const slot = (head - count + k + capacity) % capacity;
    const value = values[slot] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    out.at.push(toIso(times[slot] ?? 0));
    out.values.push(value);
  }
  return out;
};
