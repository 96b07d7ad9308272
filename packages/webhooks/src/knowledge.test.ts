import { createMemoryRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { createDelivery } from './delivery-state.ts';
import {
  deliveryFromKnowledge,
  deliveryKey,
  loadWebhooks,
  subscriptionFromKnowledge,
  toKnowledgeItems,
  WEBHOOK_DELIVERIES_NAMESPACE,
  WEBHOOK_SUBSCRIPTIONS_NAMESPACE,
} from './knowledge.ts';
import type { StoredWebhookSubscription } from './store.ts';

const subscription: StoredWebhookSubscription = {
  id: 'WH-000001',
  url: 'https://hooks.example.com/watchfloor',
  events: ['incident.opened'],
  description: null,
  active: true,
  createdAt: '2026-01-05T00:00:00.000Z',
  createdBy: 'operator',
  secretPreview: 'wxyz',
  deactivatedAt: null,
  deactivatedReason: null,
  secret: 'whsec_abcdwxyz',
};

const delivery = (n: number) =>
  createDelivery({
    id: `DLV-${String(n).padStart(6, '0')}`,
    subscriptionId: 'WH-000001',
    event: 'incident.opened',
    eventId: 'EVT-000001',
    body: '{"id":"EVT-000001"}',
    nowMs: Date.UTC(2026, 0, 5),
    maxAttempts: 6,
  });

describe('toKnowledgeItems', () => {
  it('keys subscriptions by id and deliveries by their ring slot', () => {
    const items = toKnowledgeItems({
      subscriptions: [subscription],
      deliveries: [{ slot: 7, delivery: delivery(8) }],
    });
    expect(items.map((i) => [i.namespace, i.key])).toEqual([
      [WEBHOOK_SUBSCRIPTIONS_NAMESPACE, 'WH-000001'],
      [WEBHOOK_DELIVERIES_NAMESPACE, 'WH-000001/000007'],
    ]);
    expect(deliveryKey('WH-000001', 7)).toBe('WH-000001/000007');
  });
});

describe('loadWebhooks', () => {
  it('reads back what was written to a real repository, across pages', async () => {
    const repo = createMemoryRepository();
    const deliveries = Array.from({ length: 620 }, (_, i) => ({
      slot: i,
      delivery: delivery(i + 1),
    }));
    await repo.write({
      knowledge: toKnowledgeItems({ subscriptions: [subscription], deliveries }),
    });
    const loaded = await loadWebhooks(repo);
    expect(loaded.subscriptions).toEqual([subscription]);
    expect(loaded.deliveries).toHaveLength(620);
    expect(loaded.deliveries[619]).toEqual(deliveries[619]);
    expect(loaded.skipped).toBe(0);
  });

  it('overwrites a slot in place, so a subscription never stores more than its ring', async () => {
    const repo = createMemoryRepository();
    await repo.write({
      knowledge: toKnowledgeItems({ deliveries: [{ slot: 0, delivery: delivery(1) }] }),
    });
    await repo.write({
      knowledge: toKnowledgeItems({ deliveries: [{ slot: 0, delivery: delivery(4) }] }),
    });
    const loaded = await loadWebhooks(repo);
    expect(loaded.deliveries.map((d) => d.delivery.id)).toEqual(['DLV-000004']);
  });

  it('skips stored values that no longer parse instead of failing the boot', async () => {
    const repo = createMemoryRepository();
    await repo.write({
      knowledge: [
        {
          namespace: WEBHOOK_SUBSCRIPTIONS_NAMESPACE,
          key: 'WH-000009',
          value: { id: 'WH-000009' },
        },
        { namespace: WEBHOOK_DELIVERIES_NAMESPACE, key: 'WH-000009/000000', value: 'junk' },
      ],
    });
    expect(await loadWebhooks(repo)).toEqual({ subscriptions: [], deliveries: [], skipped: 2 });
  });
});

describe('from knowledge', () => {
  it('rejects values of the wrong shape', () => {
    expect(subscriptionFromKnowledge({ ...subscription, secret: undefined })).toBeNull();
    expect(deliveryFromKnowledge({ slot: -1, delivery: delivery(1) })).toBeNull();
    expect(deliveryFromKnowledge({ slot: 1, delivery: { id: 'nope' } })).toBeNull();
    expect(deliveryFromKnowledge(null)).toBeNull();
  });
});
