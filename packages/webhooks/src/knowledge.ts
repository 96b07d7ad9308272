import { WebhookDelivery, WebhookSubscriptionCreated } from '@watchfloor/domain';
import type { LoggedDelivery, StoredWebhookSubscription, WebhookChange } from './store.ts';

export const WEBHOOK_SUBSCRIPTIONS_NAMESPACE = 'webhooks';
export const WEBHOOK_DELIVERIES_NAMESPACE = 'webhook-deliveries';

/** Same shape as the kb repository's `KnowledgeItem`. */
export interface KnowledgeItem {
  namespace: string;
  key: string;
  value: unknown;
}

/** The part of the kb `Repository` that reloading needs. */
export interface KnowledgeReader {
  listKnowledge(
    namespace: string,
    query: { limit: number; cursor?: string | undefined },
  ): Promise<{ items: KnowledgeItem[]; nextCursor: string | null }>;
}

/** One key per ring slot, so a subscription never holds more than `logLimit` items. */
export const deliveryKey = (subscriptionId: string, slot: number): string =>
  `${subscriptionId}/${String(slot).padStart(6, '0')}`;

/** Knowledge items for a repository write: `repo.write({ knowledge: toKnowledgeItems(change) })`. */
export const toKnowledgeItems = (change: WebhookChange): KnowledgeItem[] => [
  ...(change.subscriptions ?? []).map((subscription) => ({
    namespace: WEBHOOK_SUBSCRIPTIONS_NAMESPACE,
    key: subscription.id,
    value: subscription,
  })),
  ...(change.deliveries ?? []).map((logged) => ({
    namespace: WEBHOOK_DELIVERIES_NAMESPACE,
    key: deliveryKey(logged.delivery.subscriptionId, logged.slot),
    value: logged,
  })),
];

export const subscriptionFromKnowledge = (value: unknown): StoredWebhookSubscription | null => {
  const parsed = WebhookSubscriptionCreated.safeParse(value);
  return parsed.success ? parsed.data : null;
};

export const deliveryFromKnowledge = (value: unknown): LoggedDelivery | null => {
  if (typeof value !== 'object' || value === null) return null;
  const { slot, delivery } = value as { slot?: unknown; delivery?: unknown };
  if (typeof slot !== 'number' || !Number.isInteger(slot) || slot < 0) return null;
  const parsed = WebhookDelivery.safeParse(delivery);
  return parsed.success ? { slot, delivery: parsed.data } : null;
};

const readAll = async (reader: KnowledgeReader, namespace: string): Promise<unknown[]> => {
  const values: unknown[] = [];
  let cursor: string | undefined;
  do {
    const page = await reader.listKnowledge(namespace, { limit: 500, cursor });
    for (const item of page.items) values.push(item.value);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return values;
};

export interface LoadedWebhooks {
  subscriptions: StoredWebhookSubscription[];
  deliveries: LoggedDelivery[];
  /** Stored values that no longer parse (left out rather than failing the boot). */
  skipped: number;
}

/**
 * Everything the dispatcher persisted, ready for `dispatcher.restore(...)`.
 *
 * @example
 * const { subscriptions, deliveries } = await loadWebhooks(repo);
 * dispatcher.restore(subscriptions, deliveries);
 */
export const loadWebhooks = async (reader: KnowledgeReader): Promise<LoadedWebhooks> => {
  const [rawSubscriptions, rawDeliveries] = await Promise.all([
    readAll(reader, WEBHOOK_SUBSCRIPTIONS_NAMESPACE),
    readAll(reader, WEBHOOK_DELIVERIES_NAMESPACE),
  ]);
  const subscriptions = rawSubscriptions
    .map(subscriptionFromKnowledge)
    .filter((s): s is StoredWebhookSubscription => s !== null);
  const deliveries = rawDeliveries
    .map(deliveryFromKnowledge)
    .filter((d): d is LoggedDelivery => d !== null);
  const skipped =
    rawSubscriptions.length - subscriptions.length + rawDeliveries.length - deliveries.length;
  return { subscriptions, deliveries, skipped };
};
