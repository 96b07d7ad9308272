import { parseIdNumber, type WebhookDelivery } from '@watchfloor/domain';
import { isOutstanding } from './delivery-state.ts';
import type { LoggedDelivery } from './store.ts';

interface Ring {
  /** Slot the next delivery takes. */
  next: number;
  bySlot: Map<number, string>;
}

const newestFirst = (a: WebhookDelivery, b: WebhookDelivery): number =>
  (parseIdNumber(b.id) ?? 0) - (parseIdNumber(a.id) ?? 0);

/**
 * Each subscription's deliveries in a ring of `limit` slots: the newest `limit` are kept,
 * and a new one takes the oldest one's slot, so storage keyed by slot stays bounded too.
 */
export class DeliveryLog {
  readonly limit: number;
  #rings = new Map<string, Ring>();
  #byId = new Map<string, LoggedDelivery>();

  constructor(limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError('limit must be 1 or more');
    this.limit = limit;
  }

  #ring(subscriptionId: string): Ring {
    let ring = this.#rings.get(subscriptionId);
    if (!ring) {
      ring = { next: 0, bySlot: new Map() };
      this.#rings.set(subscriptionId, ring);
    }
    return ring;
  }

  #place(ring: Ring, entry: LoggedDelivery): WebhookDelivery | null {
    const previousId = ring.bySlot.get(entry.slot);
    const evicted = previousId === undefined ? undefined : this.#byId.get(previousId);
    if (previousId !== undefined) this.#byId.delete(previousId);
    ring.bySlot.set(entry.slot, entry.delivery.id);
    this.#byId.set(entry.delivery.id, entry);
    return evicted?.delivery ?? null;
  }

  /** Logs a new delivery; returns its slot and the delivery it pushed out, if any. */
  add(delivery: WebhookDelivery): { logged: LoggedDelivery; evicted: WebhookDelivery | null } {
    const ring = this.#ring(delivery.subscriptionId);
    const logged = { slot: ring.next, delivery };
    ring.next = (ring.next + 1) % this.limit;
    return { logged, evicted: this.#place(ring, logged) };
  }

  /** Replaces a logged delivery in its slot; null when it has been pushed out meanwhile. */
  update(delivery: WebhookDelivery): LoggedDelivery | null {
    const current = this.#byId.get(delivery.id);
    if (!current) return null;
    const logged = { slot: current.slot, delivery };
    this.#byId.set(delivery.id, logged);
    return logged;
  }

  get(id: string): WebhookDelivery | undefined {
    return this.#byId.get(id)?.delivery;
  }

  /** Newest first. */
  list(subscriptionId: string): WebhookDelivery[] {
    const ring = this.#rings.get(subscriptionId);
    if (!ring) return [];
    const found: WebhookDelivery[] = [];
    for (const id of ring.bySlot.values()) {
      const delivery = this.#byId.get(id)?.delivery;
      if (delivery) found.push(delivery);
    }
    return found.sort(newestFirst);
  }

  outstanding(): WebhookDelivery[] {
    return [...this.#byId.values()].map((e) => e.delivery).filter(isOutstanding);
  }

  /** Highest delivery number logged, so ids continue after a restart. */
  highestNumber(prefix: string): number {
    let highest = 0;
    for (const { delivery } of this.#byId.values()) {
      for (const id of [delivery.id, delivery.eventId]) {
        if (!id.startsWith(`${prefix}-`)) continue;
        highest = Math.max(highest, parseIdNumber(id) ?? 0);
      }
    }
    return highest;
  }

  /** Replaces everything with what was stored; the ring resumes after its newest entry. */
  load(entries: readonly LoggedDelivery[]): void {
    this.#rings.clear();
    this.#byId.clear();
    const oldestFirst = [...entries].sort((a, b) => newestFirst(b.delivery, a.delivery));
    for (const entry of oldestFirst) {
      const ring = this.#ring(entry.delivery.subscriptionId);
      const slot = entry.slot % this.limit;
      this.#place(ring, { slot, delivery: entry.delivery });
      ring.next = (slot + 1) % this.limit;
    }
  }
}
