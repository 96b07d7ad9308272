import type { StoredItem } from './plan.ts';

/** Link rows this process has written, so an unchanged link is not put again (bounded). */
export class LinkCache {
  readonly #written = new Map<string, number | undefined>();

  constructor(private readonly capacity = 2_000) {}

  unseen(links: StoredItem[]): StoredItem[] {
    return links.filter((l) => {
      const key = `${l.pk}\u0000${l.sk}`;
      return !this.#written.has(key) || this.#written.get(key) !== l.expiresAt;
    });
  }

  /** After the write succeeded: a failed one must be tried again in full. */
  remember(links: StoredItem[]): void {
    for (const l of links) {
      const key = `${l.pk}\u0000${l.sk}`;
      this.#written.delete(key);
      this.#written.set(key, l.expiresAt);
    }
    // Maps iterate in insertion order: drop the oldest first.
    for (const key of this.#written.keys()) {
      if (this.#written.size <= this.capacity) break;
      this.#written.delete(key);
    }
  }
}
