import { MetricName } from '@watchfloor/domain';

/** Every metric a sample may carry, in a fixed order: a metric's index picks its ring. */
export const METRICS: readonly MetricName[] = MetricName.options;
const METRIC_INDEX: ReadonlyMap<MetricName, number> = new Map(METRICS.map((m, i) => [m, i]));

export const metricIndex = (metric: MetricName): number => METRIC_INDEX.get(metric) ?? -1;

/**
 * Raw samples and 5-minute means of one service, in fixed-size rings (oldest overwritten).
 * One flat typed array per kind, metric-major (`metric * capacity + slot`), so adding a
 * sample touches no maps and allocates nothing: the history is fed every service every tick.
 * Slots of a metric missing from a sample hold NaN.
 */
export class ServiceStore {
  readonly rawTimes: Float64Array;
  readonly raw: Float64Array;
  rawHead = 0;
  rawCount = 0;
  readonly bucketTimes: Float64Array;
  readonly buckets: Float64Array;
  bucketHead = 0;
  bucketCount = 0;
  /** Start (ms) of the bucket being filled, NaN before the first sample. */
  openBucket = Number.NaN;
  readonly #sums = new Float64Array(METRICS.length);
  readonly #counts = new Uint32Array(METRICS.length);
  /** The history's series index per metric, -1 until seen. */
  readonly seriesIndex = new Int32Array(METRICS.length).fill(-1);
  /** Bit per metric index: seen in at least one sample. */
  seen = 0;
  lastMs = Number.NEGATIVE_INFINITY;

  constructor(
    readonly rawCapacity: number,
    readonly bucketCapacity: number,
  ) {
    this.rawTimes = new Float64Array(rawCapacity);
    this.raw = new Float64Array(rawCapacity * METRICS.length).fill(Number.NaN);
    this.bucketTimes = new Float64Array(bucketCapacity);
    this.buckets = new Float64Array(bucketCapacity * METRICS.length).fill(Number.NaN);
  }

  /**
   * Records one sample at `ms`, closing the open bucket first when `bucket` starts a new one;
   * returns the bits of metrics seen for the first time.
   */
  add(ms: number, bucket: number, values: Partial<Record<MetricName, number>>): number {
    if (bucket !== this.openBucket) {
      this.#closeBucket();
      this.openBucket = bucket;
    }
    const cap = this.rawCapacity;
    const slot = this.rawHead;
    if (cap > 0) {
      this.rawTimes[slot] = ms;
      this.rawHead = (slot + 1) % cap;
      this.rawCount = Math.min(this.rawCount + 1, cap);
    }
    let seen = this.seen;
    for (let m = 0; m < METRICS.length; m++) {
      const value = values[METRICS[m] as MetricName];
      const finite = value !== undefined && Number.isFinite(value);
      if (cap > 0) this.raw[m * cap + slot] = finite ? value : Number.NaN;
      if (!finite) continue;
      this.#sums[m] = (this.#sums[m] ?? 0) + value;
      this.#counts[m] = (this.#counts[m] ?? 0) + 1;
      seen |= 1 << m;
    }
    const fresh = seen & ~this.seen;
    this.seen = seen;
    return fresh;
  }

  /** Closes the open bucket into the bucket ring (means of what it collected). */
  #closeBucket(): void {
    if (Number.isNaN(this.openBucket)) return;
    const cap = this.bucketCapacity;
    const slot = this.bucketHead;
    this.bucketTimes[slot] = this.openBucket;
    for (let m = 0; m < METRICS.length; m++) {
      const count = this.#counts[m] ?? 0;
      this.buckets[m * cap + slot] = count > 0 ? (this.#sums[m] ?? 0) / count : Number.NaN;
      this.#sums[m] = 0;
      this.#counts[m] = 0;
    }
    this.bucketHead = (slot + 1) % cap;
    this.bucketCount = Math.min(this.bucketCount + 1, cap);
  }

  /** Start (ms) of the newest completed bucket, NaN when none has closed yet. */
  get lastBucketMs(): number {
    if (this.bucketCount === 0) return Number.NaN;
    const cap = this.bucketCapacity;
    return this.bucketTimes[(this.bucketHead - 1 + cap) % cap] ?? Number.NaN;
  }
}

/**
 * Oldest-first copy of one metric's finite values with their times, from a metric-major ring
 * of `times.length` slots per metric.
 */
export const readRing = (
  times: Float64Array,
  values: Float64Array,
  metric: number,
  head: number,
  count: number,
  toIso: (ms: number) => string,
): { at: string[]; values: number[] } => {
  const out = { at: [] as string[], values: [] as number[] };
  const capacity = times.length;
  if (metric < 0 || capacity === 0) return out;
  const base = metric * capacity;
  for (let k = 0; k < count; k++) {
    const slot = (head - count + k + capacity) % capacity;
    const value = values[base + slot] ?? Number.NaN;
    if (!Number.isFinite(value)) continue;
    out.at.push(toIso(times[slot] ?? 0));
    out.values.push(value);
  }
  return out;
};
