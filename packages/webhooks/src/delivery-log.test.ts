import { formatId, type WebhookDelivery } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { DeliveryLog } from './delivery-log.ts';
import { createDelivery } from './delivery-state.ts';

const delivery = (n: number, subscriptionId = 'WH-000001'): WebhookDelivery =>
  createDelivery({
    id: formatId('DLV', n),
    subscriptionId,
    event: 'incident.updated',
    eventId: formatId('EVT', n),
    body: '{}',
    nowMs: Date.UTC(2026, 0, 5) + n,
    maxAttempts: 6,
  });

const succeeded = (d: WebhookDelivery): WebhookDelivery => ({ ...d, status: 'succeeded' });

describe('DeliveryLog', () => {
  it('keeps only the newest deliveries of each subscription, newest first', () => {
    const log = new DeliveryLog(3);
    const evicted = [1, 2, 3, 4, 5].map((n) => log.add(succeeded(delivery(n))).evicted?.id ?? null);
    expect(evicted).toEqual([null, null, null, 'DLV-000001', 'DLV-000002']);
    expect(log.list('WH-000001').map((d) => d.id)).toEqual([
      'DLV-000005',
      'DLV-000004',
      'DLV-000003',
    ]);
    expect(log.get('DLV-000001')).toBeUndefined();
  });

  it('bounds each subscription on its own, whatever the interleaving', () => {
    const log = new DeliveryLog(2);
    for (let n = 1; n <= 10; n++) log.add(delivery(n, n % 2 === 0 ? 'WH-000002' : 'WH-000001'));
    expect(log.list('WH-000001').map((d) => d.id)).toEqual(['DLV-000009', 'DLV-000007']);
    expect(log.list('WH-000002').map((d) => d.id)).toEqual(['DLV-000010', 'DLV-000008']);
  });

  it('updates a delivery in place and lists what is still outstanding', () => {
    const log = new DeliveryLog(10);
    const { logged } = log.add(delivery(1));
    log.add(delivery(2));
    expect(log.update(succeeded(delivery(1)))).toEqual({
      slot: logged.slot,
      delivery: succeeded(delivery(1)),
    });
    expect(log.outstanding().map((d) => d.id)).toEqual(['DLV-000002']);
    expect(log.update(delivery(99))).toBeNull();
  });

  it('resumes after a reload where it left off, so the next delivery evicts the oldest', () => {
    const log = new DeliveryLog(3);
    const logged = [1, 2, 3, 4].map((n) => log.add(delivery(n)).logged);
    const reloaded = new DeliveryLog(3);
    reloaded.load(logged.slice(1));
    expect(reloaded.highestNumber('DLV')).toBe(4);
    expect(reloaded.highestNumber('EVT')).toBe(4);
    const next = reloaded.add(delivery(5));
    expect(next.evicted?.id).toBe('DLV-000002');
    expect(next.logged.slot).toBe(log.add(delivery(5)).logged.slot);
  });
});
