import type { Cluster } from './cluster.ts';

/**
 * Incidents by the onset of their first alert, in buckets `width` ms wide, so the alerts a new
 * one may join are found among the few incidents that started near it instead of among every
 * firing alert. An incident whose onset moves earlier must be `move`d.
 */
export class ClusterIndex {
  readonly #width: number;
  readonly #buckets = new Map<number, Set<Cluster>>();
  readonly #bucketOf = new Map<Cluster, number>();

  constructor(width: number) {
    // Any positive width is correct; the span keeps a query to about three buckets.
    this.#width = Number.isFinite(width) && width > 0 ? width : 60_000;
  }

  get size(): number {
    return this.#bucketOf.size;
  }

  add(cluster: Cluster): void {
    const bucket = Math.floor(cluster.onset / this.#width);
    const set = this.#buckets.get(bucket) ?? new Set<Cluster>();
    set.add(cluster);
    this.#buckets.set(bucket, set);
    this.#bucketOf.set(cluster, bucket);
  }

  delete(cluster: Cluster): void {
    const bucket = this.#bucketOf.get(cluster);
    if (bucket === undefined) return;
    this.#bucketOf.delete(cluster);
    const set = this.#buckets.get(bucket);
    set?.delete(cluster);
    if (set?.size === 0) this.#buckets.delete(bucket);
  }

  /** Re-files a cluster after its onset changed. */
  move(cluster: Cluster): void {
    if (this.#bucketOf.get(cluster) === Math.floor(cluster.onset / this.#width)) return;
    this.delete(cluster);
    this.add(cluster);
  }

  /** Clusters whose onset is within `span` of `onset` (either side). */
  *near(onset: number, span: number): Generator<Cluster> {
    const lo = Math.floor((onset - span) / this.#width);
    const hi = Math.floor((onset + span) / this.#width);
    if (hi - lo + 1 > this.#buckets.size) {
      // A span wider than what is held: walking what is held is cheaper than every bucket.
      for (const cluster of this.#bucketOf.keys())
        if (Math.abs(cluster.onset - onset) <= span) yield cluster;
      return;
    }
    for (let b = lo; b <= hi; b++) {
      for (const cluster of this.#buckets.get(b) ?? []) {
        if (Math.abs(cluster.onset - onset) <= span) yield cluster;
      }
    }
  }
}
