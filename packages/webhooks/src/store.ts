import type { WebhookDelivery, WebhookSubscriptionCreated } from '@watchfloor/domain';

/** A subscription as kept server-side: it needs its secret to sign every delivery. */
export type StoredWebhookSubscription = WebhookSubscriptionCreated;

/** A delivery with its place in its subscription's bounded log (a ring of `logLimit` slots). */
export interface LoggedDelivery {
  slot: number;
  delivery: WebhookDelivery;
}

/** What one change writes; `toKnowledgeItems` turns it into a repository write. */
export interface WebhookChange {
  subscriptions?: StoredWebhookSubscription[];
  deliveries?: LoggedDelivery[];
}

/**
 * Where the dispatcher persists. Writes are issued one at a time, in order.
 *
 * @example
 * const store: WebhookStore = { save: (change) => repo.write({ knowledge: toKnowledgeItems(change) }) };
 */
export interface WebhookStore {
  save(change: WebhookChange): void | Promise<void>;
}
