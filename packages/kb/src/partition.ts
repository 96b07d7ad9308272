import { compareKeys } from './keys.ts';
import type { StoredItem } from './plan.ts';

/** The rows of one partition key, kept in sort-key order like a DynamoDB partition. */
export class Partition {
  private readonly keys: string[] = [];
  private readonly rows = new Map<string, StoredItem>();

  get size(): number {
    return this.keys.length;
  }

  get(sk: string): StoredItem | undefined {
    return this.rows.get(sk);
  }

  put(row: StoredItem): void {
    if (!this.rows.has(row.sk)) this.keys.splice(this.lowerBound(row.sk), 0, row.sk);
    this.rows.set(row.sk, row);
  }

  delete(sk: string): boolean {
    if (!this.rows.delete(sk)) return false;
    this.keys.splice(this.lowerBound(sk), 1);
    return true;
  }

  /** Removes the `n` lowest keys; returns how many went. */
  dropFirst(n: number): number {
    const gone = this.keys.splice(0, Math.max(0, n));
    for (const sk of gone) this.rows.delete(sk);
    return gone.length;
  }

  /** Rows in key order (or reverse), starting strictly after `after`. */
  *walk(forward: boolean, after?: string): Generator<StoredItem> {
    let i: number;
    if (after === undefined) i = forward ? 0 : this.keys.length - 1;
    else {
      const at = this.lowerBound(after);
      i = forward ? (this.keys[at] === after ? at + 1 : at) : at - 1;
    }
    for (; i >= 0 && i < this.keys.length; i += forward ? 1 : -1) {
      const row = this.rows.get(this.keys[i] ?? '');
      if (row) yield row;
    }
  }

  *[Symbol.iterator](): Generator<StoredItem> {
    yield* this.walk(true);
  }

  private lowerBound(sk: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareKeys(this.keys[mid] ?? '', sk) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
