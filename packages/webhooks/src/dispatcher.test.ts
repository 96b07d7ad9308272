import { WebhookDelivery, WebhookPayload, WebhookSubscription } from '@watchfloor/domain';
import { createMemoryRepository } from '@watchfloor/kb';
import { afterEach, describe, expect, it } from 'vitest';
import { WebhookDispatcher, type WebhookDispatcherOptions } from './dispatcher.ts';
import { WebhookError } from './errors.ts';
import { loadWebhooks, toKnowledgeItems } from './knowledge.ts';
import { verifySignature } from './signature.ts';
import { manualClock } from './testing/clock.ts';
import { type Receiver, type Reply, startReceiver } from './testing/receiver.ts';

const receivers: Receiver[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

const receiver = async (reply?: (index: number) => Reply): Promise<Receiver> => {
  const started = await startReceiver(reply && ((_request, index) => reply(index)));
  receivers.push(started);
  return started;
};

const setup = (options: WebhookDispatcherOptions = {}) => {
  const clock = manualClock();
  const dispatcher = new WebhookDispatcher({
    now: clock.now,
    random: () => 0.5,
    allowPrivate: true,
    ...options,
  });
  return { clock, dispatcher };
};

const only = <T>(items: readonly T[]): T => {
  expect(items).toHaveLength(1);
  const [item] = items;
  if (item === undefined) throw new Error('expected one item');
  return item;
};

const incident = { id: 'INC-000042', title: 'payments latency', severity: 'high' };

describe('WebhookDispatcher', () => {
  it('delivers a signed event that the receiver verifies', async () => {
    const hooks = await receiver();
    const { clock, dispatcher } = setup();
    const created = await dispatcher.subscribe(
      { url: hooks.url, events: ['incident.opened'], description: 'pager bridge' },
      'operator',
      'WH-000001',
    );
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.secretPreview).toBe(created.secret.slice(-4));
    expect(WebhookSubscription.safeParse(dispatcher.getSubscription('WH-000001')).success).toBe(
      true,
    );
    expect(dispatcher.getSubscription('WH-000001')).not.toHaveProperty('secret');

    const delivery = only(dispatcher.publish('incident.opened', incident));
    await dispatcher.drain();

    const request = only(hooks.requests);
    const verdict = verifySignature({
      secret: created.secret,
      header: String(request.headers['x-watchfloor-signature']),
      body: request.body,
      nowSeconds: clock.seconds(),
    });
    expect(verdict).toEqual({ ok: true });
    expect(request.headers['x-watchfloor-event']).toBe('incident.opened');
    expect(request.headers['x-watchfloor-delivery']).toBe(delivery.id);
    expect(request.headers['user-agent']).toBe('Watchfloor-Webhooks/1');
    const payload = WebhookPayload.parse(JSON.parse(request.body));
    expect(payload).toEqual({
      id: delivery.eventId,
      type: 'incident.opened',
      createdAt: '2026-01-05T00:00:00.000Z',
      data: incident,
    });

    const logged = dispatcher.getDelivery(delivery.id);
    expect(WebhookDelivery.safeParse(logged).success).toBe(true);
    expect(logged).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
      requestBody: request.body,
      deliveredAt: '2026-01-05T00:00:00.000Z',
    });
  });

  it('produces requests that fail verification when tampered with or replayed late', async () => {
    const hooks = await receiver();
    const { clock, dispatcher } = setup();
    const { secret } = await dispatcher.subscribe(
      { url: hooks.url, events: ['kill_switch.changed'] },
      'operator',
      'WH-000001',
    );
    dispatcher.publish('kill_switch.changed', { engaged: true, reason: 'drill' });
    await dispatcher.drain();
    const request = only(hooks.requests);
    const header = String(request.headers['x-watchfloor-signature']);

    const tampered = request.body.replace('"engaged":true', '"engaged":false');
    expect(
      verifySignature({ secret, header, body: tampered, nowSeconds: clock.seconds() }),
    ).toEqual({
      ok: false,
      reason: 'signature does not match',
    });
    const replayedLater = clock.seconds() + 10 * 60;
    expect(
      verifySignature({ secret, header, body: request.body, nowSeconds: replayedLater }),
    ).toEqual({ ok: false, reason: 'timestamp outside tolerance (possible replay)' });
  });

  it('retries a receiver that fails twice, waiting longer each time, until it succeeds', async () => {
    const hooks = await receiver((i) => ({ status: i < 2 ? 500 : 200 }));
    const { clock, dispatcher } = setup();
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.updated'] }, 'op', 'WH-000001');
    const { id } = only(dispatcher.publish('incident.updated', incident));
    await dispatcher.drain();

    const delays: number[] = [];
    for (let attempt = 1; attempt < 3; attempt++) {
      const waiting = dispatcher.getDelivery(id);
      expect(waiting).toMatchObject({ status: 'retrying', attempts: attempt, lastStatusCode: 500 });
      const dueAt = Date.parse(waiting?.nextAttemptAt ?? '');
      delays.push(dueAt - clock.now());

      clock.advance(dueAt - clock.now() - 1);
      expect(dispatcher.tick()).toBe(0);
      clock.advance(1);
      expect(dispatcher.tick()).toBe(1);
      await dispatcher.drain();
    }

    expect(delays).toEqual([500, 1000]);
    expect(dispatcher.getDelivery(id)).toMatchObject({
      status: 'succeeded',
      attempts: 3,
      lastStatusCode: 200,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(hooks.requests).toHaveLength(3);
    expect(new Set(hooks.requests.map((r) => r.body)).size).toBe(1);
    expect(new Set(hooks.requests.map((r) => r.headers['x-watchfloor-delivery']))).toEqual(
      new Set([id]),
    );
  });

  it('counts a receiver that never answers as a failed attempt', async () => {
    const hooks = await receiver(() => 'hang');
    const { dispatcher } = setup({ timeoutMs: 100 });
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001');
    const { id } = only(dispatcher.publish('incident.opened', incident));
    await dispatcher.drain();
    expect(dispatcher.getDelivery(id)).toMatchObject({
      status: 'retrying',
      attempts: 1,
      lastStatusCode: null,
      lastError: 'timed out after 100 ms',
    });
  });

  it('gives up after maxAttempts and keeps the last error', async () => {
    const hooks = await receiver(() => ({ status: 503 }));
    const { clock, dispatcher } = setup({ maxAttempts: 3 });
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001');
    const { id } = only(dispatcher.publish('incident.opened', incident));
    await dispatcher.drain();
    for (let i = 0; i < 5; i++) {
      clock.advance(10 * 60_000);
      dispatcher.tick();
      await dispatcher.drain();
    }
    expect(dispatcher.getDelivery(id)).toMatchObject({
      status: 'failed',
      attempts: 3,
      maxAttempts: 3,
      lastStatusCode: 503,
      lastError: 'receiver answered 503; gave up after 3 attempts',
      nextAttemptAt: null,
    });
    expect(hooks.requests).toHaveLength(3);
  });

  it('deactivates a subscription whose receiver answers 410 Gone', async () => {
    const hooks = await receiver(() => ({ status: 410 }));
    const { dispatcher } = setup();
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001');
    const { id } = only(dispatcher.publish('incident.opened', incident));
    await dispatcher.drain();

    expect(dispatcher.getDelivery(id)).toMatchObject({
      status: 'failed',
      attempts: 1,
      lastStatusCode: 410,
    });
    expect(dispatcher.getSubscription('WH-000001')).toMatchObject({
      active: false,
      deactivatedAt: '2026-01-05T00:00:00.000Z',
      deactivatedReason: 'receiver answered 410 Gone',
    });
    expect(dispatcher.publish('incident.opened', incident)).toEqual([]);
    expect(() => dispatcher.sendTest('WH-000001')).toThrow(WebhookError);
    expect(hooks.requests).toHaveLength(1);
  });

  it('delivers only the events each subscription chose', async () => {
    const hooks = await receiver();
    const { dispatcher } = setup();
    await dispatcher.subscribe(
      { url: `${hooks.url}?to=incidents`, events: ['incident.opened', 'incident.resolved'] },
      'op',
      'WH-000001',
    );
    await dispatcher.subscribe(
      { url: `${hooks.url}?to=switch`, events: ['kill_switch.changed'] },
      'op',
      'WH-000002',
    );
    dispatcher.publish('incident.opened', incident);
    dispatcher.publish('kill_switch.changed', { engaged: true });
    expect(dispatcher.publish('rollout.state_changed', { state: 'canary' })).toEqual([]);
    expect(dispatcher.publish('incident.updated', incident)).toEqual([]);
    await dispatcher.drain();

    const seen = hooks.requests.map((r) => `${r.path} ${r.headers['x-watchfloor-event']}`).sort();
    expect(seen).toEqual([
      '/hooks/watchfloor?to=incidents incident.opened',
      '/hooks/watchfloor?to=switch kill_switch.changed',
    ]);
  });

  it('returns from publish before any receiver has answered', async () => {
    const hooks = await receiver(() => 'hang');
    const { dispatcher } = setup({ timeoutMs: 300 });
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001');
    const started = performance.now();
    const delivery = only(dispatcher.publish('incident.opened', incident));
    expect(performance.now() - started).toBeLessThan(50);
    expect(delivery.status).toBe('pending');
    await dispatcher.drain();
    expect(dispatcher.getDelivery(delivery.id)?.status).toBe('retrying');
  });

  it('sends a test event to one subscription even when it did not choose webhook.test', async () => {
    const hooks = await receiver();
    const { dispatcher } = setup();
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001');
    const delivery = dispatcher.sendTest('WH-000001');
    await dispatcher.drain();
    expect(dispatcher.getDelivery(delivery.id)?.status).toBe('succeeded');
    const payload = WebhookPayload.parse(JSON.parse(only(hooks.requests).body));
    expect(payload.type).toBe('webhook.test');
  });

  it('stops retrying once unsubscribed, failing what was still queued', async () => {
    const hooks = await receiver(() => ({ status: 500 }));
    const { clock, dispatcher } = setup();
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001');
    const { id } = only(dispatcher.publish('incident.opened', incident));
    await dispatcher.drain();
    const removed = await dispatcher.unsubscribe('WH-000001');
    expect(removed).toMatchObject({ active: false, deactivatedReason: 'removed by an operator' });
    expect(dispatcher.getDelivery(id)).toMatchObject({
      status: 'failed',
      lastError: 'subscription deactivated',
    });
    clock.advance(60 * 60_000);
    expect(dispatcher.tick()).toBe(0);
    expect(hooks.requests).toHaveLength(1);
    await expect(dispatcher.unsubscribe('WH-000404')).rejects.toMatchObject({ code: 'not_found' });
  });

  it('keeps only the newest deliveries of a subscription', async () => {
    const hooks = await receiver();
    const { dispatcher } = setup({ logLimit: 3 });
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.updated'] }, 'op', 'WH-000001');
    for (let i = 0; i < 5; i++) {
      dispatcher.publish('incident.updated', { ...incident, revision: i });
      await dispatcher.drain();
    }
    expect(dispatcher.listDeliveries('WH-000001').map((d) => d.id)).toEqual([
      'DLV-000005',
      'DLV-000004',
      'DLV-000003',
    ]);
  });

  it('refuses to subscribe destinations the SSRF guard rejects, with the reason', async () => {
    const strict = setup({ allowPrivate: false }).dispatcher;
    const hooks = await receiver();
    await expect(
      strict.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001'),
    ).rejects.toMatchObject({
      code: 'invalid_destination',
      message: expect.stringContaining('127.0.0.1 is a loopback address'),
    });
    await expect(
      strict.subscribe({ url: 'http://[::1]/', events: ['incident.opened'] }, 'op', 'WH-000001'),
    ).rejects.toMatchObject({ code: 'invalid_destination' });
    await expect(
      strict.subscribe({ url: 'http://10.0.0.1/', events: ['incident.opened'] }, 'op', 'WH-000001'),
    ).rejects.toMatchObject({ message: expect.stringContaining('private address') });

    const lenient = setup({ allowPrivate: true }).dispatcher;
    await expect(
      lenient.subscribe(
        { url: 'http://169.254.169.254/latest/meta-data', events: ['incident.opened'] },
        'op',
        'WH-000001',
      ),
    ).rejects.toMatchObject({
      code: 'invalid_destination',
      message: 'destination refused: 169.254.169.254 is a cloud metadata address',
    });

    const rebound = setup({
      allowPrivate: false,
      lookup: async () => [{ address: '192.168.1.10', family: 4 }],
    }).dispatcher;
    await expect(
      rebound.subscribe(
        { url: 'https://hooks.example.com/x', events: ['incident.opened'] },
        'op',
        'WH-000001',
      ),
    ).rejects.toMatchObject({
      message: expect.stringContaining('hooks.example.com resolves to 192.168.1.10'),
    });

    for (const url of ['file:///etc/passwd', 'https://user:secret@hooks.example.com/']) {
      await expect(
        lenient.subscribe({ url, events: ['incident.opened'] }, 'op', 'WH-000002'),
      ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('url') });
    }
    expect(lenient.listSubscriptions()).toEqual([]);
  });

  it('checks the destination again before each attempt, so DNS rebinding is caught', async () => {
    let address = '93.184.215.14';
    let fetched = 0;
    const { dispatcher } = setup({
      allowPrivate: true,
      lookup: async () => [{ address, family: 4 }],
      fetch: async () => {
        fetched++;
        return new Response(null, { status: 200 });
      },
    });
    await dispatcher.subscribe(
      { url: 'https://hooks.example.com/x', events: ['incident.opened'] },
      'op',
      'WH-000001',
    );
    address = '169.254.169.254';
    const { id } = only(dispatcher.publish('incident.opened', incident));
    await dispatcher.drain();
    expect(fetched).toBe(0);
    expect(dispatcher.getDelivery(id)).toMatchObject({
      status: 'retrying',
      lastError:
        'destination refused: hooks.example.com resolves to 169.254.169.254, a cloud metadata address',
    });
  });

  it('rejects a bad input, id or duplicate when subscribing', async () => {
    const { dispatcher } = setup();
    const url = 'http://127.0.0.1:9/';
    await expect(
      dispatcher.subscribe({ url, events: [] }, 'op', 'WH-000001'),
    ).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringContaining('events') });
    await expect(
      dispatcher.subscribe(
        { url, events: ['incident.opened', 'incident.opened'] },
        'op',
        'WH-000001',
      ),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await expect(
      dispatcher.subscribe({ url, events: ['incident.opened'] }, 'op', 'hook-1'),
    ).rejects.toMatchObject({ code: 'invalid_input' });
    await dispatcher.subscribe({ url, events: ['incident.opened'] }, 'op', 'WH-000001');
    await expect(
      dispatcher.subscribe({ url, events: ['incident.opened'] }, 'op', 'WH-000001'),
    ).rejects.toMatchObject({ code: 'conflict' });
  });

  it('survives a restart through the knowledge base and resumes pending retries', async () => {
    const hooks = await receiver((i) => ({ status: i === 0 ? 500 : 200 }));
    const repo = createMemoryRepository();
    const store = {
      save: (change: Parameters<typeof toKnowledgeItems>[0]) =>
        repo.write({ knowledge: toKnowledgeItems(change) }),
    };
    const before = setup({ store });
    const { secret } = await before.dispatcher.subscribe(
      { url: hooks.url, events: ['incident.resolved'] },
      'op',
      'WH-000001',
    );
    const { id } = only(before.dispatcher.publish('incident.resolved', incident));
    await before.dispatcher.drain();
    expect(before.dispatcher.getDelivery(id)?.status).toBe('retrying');

    const after = setup({ store });
    const loaded = await loadWebhooks(repo);
    expect(loaded.skipped).toBe(0);
    after.dispatcher.restore(loaded.subscriptions, loaded.deliveries);
    expect(after.dispatcher.getDelivery(id)?.status).toBe('retrying');
    after.clock.advance(60_000);
    expect(after.dispatcher.tick()).toBe(1);
    await after.dispatcher.drain();

    expect(after.dispatcher.getDelivery(id)).toMatchObject({ status: 'succeeded', attempts: 2 });
    const last = hooks.requests[1];
    const header = String(last?.headers['x-watchfloor-signature']);
    expect(
      verifySignature({
        secret,
        header,
        body: last?.body ?? '',
        nowSeconds: after.clock.seconds(),
      }),
    ).toEqual({ ok: true });

    const next = only(after.dispatcher.publish('incident.resolved', incident));
    expect(next.id).toBe('DLV-000002');
    expect(next.eventId).toBe('EVT-000002');
    await after.dispatcher.drain();
    const reloaded = await loadWebhooks(repo);
    expect(reloaded.deliveries.map((d) => [d.delivery.id, d.delivery.status])).toEqual([
      ['DLV-000001', 'succeeded'],
      ['DLV-000002', 'succeeded'],
    ]);
  });

  it('reports a store that fails in the background without breaking deliveries', async () => {
    const hooks = await receiver();
    const errors: string[] = [];
    let failing = false;
    const { dispatcher } = setup({
      store: {
        save: async () => {
          if (failing) throw new Error('disk full');
        },
      },
      onError: (_error, context) => errors.push(context),
    });
    await dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000001');
    failing = true;
    const { id } = only(dispatcher.publish('incident.opened', incident));
    await dispatcher.drain();
    expect(dispatcher.getDelivery(id)?.status).toBe('succeeded');
    expect(errors.length).toBeGreaterThan(0);
    expect(errors.every((e) => e === 'saving webhooks')).toBe(true);
    await expect(
      dispatcher.subscribe({ url: hooks.url, events: ['incident.opened'] }, 'op', 'WH-000002'),
    ).rejects.toThrow('disk full');
    expect(dispatcher.getSubscription('WH-000002')).toBeUndefined();
  });
});
