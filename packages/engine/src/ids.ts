import { formatId, parseIdNumber } from '@watchfloor/domain';
import type { IdKind, Repository } from '@watchfloor/kb';

const prefixes = {
  alert: 'ALT',
  incident: 'INC',
  log: 'LOG',
  audit: 'AUD',
  task: 'ACT',
  plan: 'PLAN',
} as const;

export type AllocatedKind = keyof typeof prefixes;

/** The stored counter that holds how many ids of a kind were ever handed out. */
export const issuedCounter = (kind: AllocatedKind) => `idsIssued_${kind}`;

const STORED_KINDS = ['alert', 'incident', 'log', 'audit'] as const satisfies readonly (
  | IdKind
  | AllocatedKind
)[];

/**
 * Hands out readable sequential ids that are never reused. The highest number handed out
 * is kept in a store counter (written with the items that use the ids: see `takeIssued`), so
 * it survives retention deleting every item of a kind; restore also reads the newest stored
 * id, for stores written before the counter existed.
 */
export class IdAllocator {
  #issued: Record<AllocatedKind, number> = {
    alert: 0,
    incident: 0,
    log: 0,
    audit: 0,
    task: 0,
    plan: 0,
  };
  /** Ids handed out (or counter corrections) not yet added to the stored counters. */
  #unstored: Partial<Record<AllocatedKind, number>> = {};

  async restore(repo: Repository): Promise<void> {
    const counters = await repo.getCounters();
    for (const kind of Object.keys(prefixes) as AllocatedKind[])
      this.#issued[kind] = counters[issuedCounter(kind)] ?? 0;
    for (const kind of STORED_KINDS) {
      const last = await repo.lastId(kind);
      this.atLeast(kind, last ? (parseIdNumber(last) ?? 0) : 0);
    }
  }

  /** Numbers at or below `n` are taken (found in the store); the counter catches up. */
  atLeast(kind: AllocatedKind, n: number): void {
    if (n <= this.#issued[kind]) return;
    this.#unstored[kind] = (this.#unstored[kind] ?? 0) + (n - this.#issued[kind]);
    this.#issued[kind] = n;
  }

  next(kind: AllocatedKind): string {
    const n = ++this.#issued[kind];
    this.#unstored[kind] = (this.#unstored[kind] ?? 0) + 1;
    return formatId(prefixes[kind], n);
  }

  /** Counter increments for the ids handed out since the last store write; hand them back if it fails. */
  takeIssued(): Record<string, number> {
    const counters: Record<string, number> = {};
    for (const [kind, n] of Object.entries(this.#unstored) as [AllocatedKind, number][])
      if (n > 0) counters[issuedCounter(kind)] = n;
    this.#unstored = {};
    return counters;
  }

  giveBack(counters: Record<string, number>): void {
    for (const kind of Object.keys(prefixes) as AllocatedKind[]) {
      const n = counters[issuedCounter(kind)];
      if (n) this.#unstored[kind] = (this.#unstored[kind] ?? 0) + n;
    }
  }
}
