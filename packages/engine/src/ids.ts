import { formatId, parseIdNumber } from '@watchfloor/domain';
import type { IdKind, Repository } from '@watchfloor/kb';

const prefixes = {
  alert: 'ALT',
  incident: 'INC',
  log: 'LOG',
  audit: 'AUD',
  fault: 'FLT',
} as const satisfies Record<IdKind, string>;

export type AllocatedKind = Exclude<IdKind, 'fault'>;

/** Hands out readable sequential ids, continuing after the highest one already stored. */
export class IdAllocator {
  #next: Record<AllocatedKind, number> = { alert: 1, incident: 1, log: 1, audit: 1 };

  async restore(repo: Repository): Promise<void> {
    for (const kind of Object.keys(this.#next) as AllocatedKind[]) {
      const last = await repo.lastId(kind);
      this.#next[kind] = (last ? (parseIdNumber(last) ?? 0) : 0) + 1;
    }
  }

  next(kind: AllocatedKind): string {
    const n = this.#next[kind];
    this.#next[kind] = n + 1;
    return formatId(prefixes[kind], n);
  }
}
