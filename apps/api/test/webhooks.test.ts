import {
  EVENT_HEADER,
  loadWebhooks,
  SIGNATURE_HEADER,
  verifySignature,
  WebhookDispatcher,
} from '@watchfloor/webhooks';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { webhookDataOf } from '../src/webhook-events.ts';
import { firingAlert, type Harness, harness, json, OPERATOR } from './harness.ts';

const URL_OK = 'https://hooks.example.com/watchfloor';

const create = (h: Harness, events: string[], url = URL_OK) =>
  h.call('POST', '/api/webhooks', { body: { url, events, description: 'pager bridge' } });

/** Waits for the background attempts, then for what they logged. */
const settled = async (h: Harness) => {
  await h.webhooks.drain();
};

const headerOf = (init: RequestInit, name: string): string | null =>
  new Headers(init.headers).get(name);

describe('webhook subscriptions', () => {
  it('creates one and shows the secret only in the creation response and never in the audit', async () => {
    const h = await harness();
    const res = await create(h, ['incident.opened']);
    expect(res.status).toBe(201);
    const created = await json(res);
    expect(created).toMatchObject({
      id: 'WH-000001',
      url: URL_OK,
      events: ['incident.opened'],
      description: 'pager bridge',
      active: true,
      createdBy: 'operator',
    });
    expect(created.secret).toMatch(/^whsec_/);
    expect(created.secretPreview).toBe(created.secret.slice(-4));

    const list = await json(h.call('GET', '/api/webhooks'));
    expect(list.nextCursor).toBeNull();
    expect(list.items).toHaveLength(1);
    expect(list.items[0].secret).toBeUndefined();
    const one = await json(h.call('GET', '/api/webhooks/WH-000001'));
    expect(one.secret).toBeUndefined();
    expect(JSON.stringify(one)).not.toContain(created.secret);

    const audit = await h.repo.listAudit({ limit: 10, action: 'webhook.create' });
    expect(audit.items).toHaveLength(1);
    expect(audit.items[0]).toMatchObject({ actor: 'operator', target: 'WH-000001' });
    expect(JSON.stringify(audit.items)).not.toContain(created.secret);
  });

  it('shows the receiver URL whole to the operator only (it may carry a credential)', async () => {
    const h = await harness({ viewer: true });
    const url = 'https://hooks.example.com/services/T000/B000/s3cr3t?token=abc';
    await create(h, ['incident.opened'], url);
    expect((await json(h.call('GET', '/api/webhooks/WH-000001'))).url).toBe(url);
    const viewed = await json(h.call('GET', '/api/webhooks/WH-000001', { as: 'viewer' }));
    expect(viewed.url).toBe('https://hooks.example.com/…');
    const listed = await json(h.call('GET', '/api/webhooks', { as: 'viewer' }));
    expect(listed.items[0].url).toBe('https://hooks.example.com/…');
    const audit = await h.repo.listAudit({ limit: 10, action: 'webhook.create' });
    expect(JSON.stringify(audit.items)).not.toContain('s3cr3t');
  });

  it('validates the input against the domain schema and names the field', async () => {
    const h = await harness();
    const cases: [unknown, string][] = [
      [{ url: URL_OK, events: [] }, 'events'],
      [{ url: URL_OK, events: ['incident.opened', 'incident.opened'] }, 'events'],
      [{ url: URL_OK, events: ['nope'] }, 'events[0]'],
      [{ url: 'ftp://example.com/x', events: ['incident.opened'] }, 'url'],
      [{ url: 'https://u:p@example.com/x', events: ['incident.opened'] }, 'url'],
      [{ url: URL_OK, events: ['incident.opened'], secret: 'mine' }, 'json'],
    ];
    for (const [body, field] of cases) {
      const res = await h.call('POST', '/api/webhooks', { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      const error = (await json(res)).error;
      expect(error.details.issues[0].field, JSON.stringify(body)).toBe(field);
    }
    expect((await json(h.call('GET', '/api/webhooks'))).items).toEqual([]);
  });

  it('refuses metadata, loopback and private destinations with a 400 naming url', async () => {
    const h = await harness();
    const before = await h.repo.lastId('audit');
    for (const [url, reason] of [
      ['http://169.254.169.254/latest/meta-data', 'cloud metadata'],
      ['http://127.0.0.1:8080/hook', 'WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE'],
      ['http://[::ffff:10.0.0.1]/hook', 'private'],
    ] as const) {
      const res = await create(h, ['incident.opened'], url);
      expect(res.status, url).toBe(400);
      const { error } = await json(res);
      expect(error.code).toBe('invalid_destination');
      expect(error.details).toEqual({ field: 'url' });
      expect(error.message).toMatch(/^url: destination refused: /);
      expect(error.message).toContain(reason);
    }
    expect(await h.repo.lastId('audit')).toBe(before);
    expect((await json(h.call('GET', '/api/webhooks'))).items).toEqual([]);
    // Refusals use up no id.
    expect((await json(create(h, ['incident.opened']))).id).toBe('WH-000001');
  });

  it('hands out distinct ids to concurrent creations', async () => {
    const h = await harness();
    const responses = await Promise.all(
      Array.from({ length: 5 }, () => create(h, ['incident.opened'])),
    );
    const ids = await Promise.all(responses.map(async (r) => (await json(r)).id));
    expect(responses.map((r) => r.status)).toEqual([201, 201, 201, 201, 201]);
    expect(new Set(ids).size).toBe(5);
  });

  it('pages subscriptions with limit and cursor and refuses a forged cursor', async () => {
    const h = await harness();
    for (let i = 0; i < 3; i++) await create(h, ['incident.opened']);
    const first = await json(h.call('GET', '/api/webhooks?limit=2'));
    expect(first.items.map((s: { id: string }) => s.id)).toEqual(['WH-000001', 'WH-000002']);
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await json(
      h.call('GET', `/api/webhooks?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`),
    );
    expect(second.items.map((s: { id: string }) => s.id)).toEqual(['WH-000003']);
    expect(second.nextCursor).toBeNull();
    for (const cursor of ['nope', Buffer.from('INC-000001').toString('base64url')]) {
      const bad = await h.call('GET', `/api/webhooks?cursor=${cursor}`);
      expect(bad.status).toBe(400);
      expect((await json(bad)).error.code).toBe('invalid_cursor');
    }
  });

  it('answers 404 for unknown subscriptions and deliveries', async () => {
    const h = await harness();
    for (const [method, path] of [
      ['GET', '/api/webhooks/WH-000009'],
      ['DELETE', '/api/webhooks/WH-000009'],
      ['GET', '/api/webhooks/WH-000009/deliveries'],
      ['POST', '/api/webhooks/WH-000009/test'],
      ['POST', '/api/webhooks/deliveries/DLV-000009/redeliver'],
    ] as const) {
      const res = await h.call(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect((await json(res)).error.code).toBe('not_found');
    }
  });

  it('deactivates with DELETE, audits once, and refuses tests afterwards with 409', async () => {
    const h = await harness();
    await create(h, ['incident.opened']);
    const res = await h.call('DELETE', '/api/webhooks/WH-000001');
    expect(res.status).toBe(200);
    expect(await json(res)).toMatchObject({
      id: 'WH-000001',
      active: false,
      deactivatedReason: 'removed by an operator',
    });
    expect((await h.call('DELETE', '/api/webhooks/WH-000001')).status).toBe(200);
    const audit = await h.repo.listAudit({ limit: 10, action: 'webhook.deactivate' });
    expect(audit.items).toHaveLength(1);

    const test = await h.call('POST', '/api/webhooks/WH-000001/test');
    expect(test.status).toBe(409);
    expect((await json(test)).error.code).toBe('inactive');

    // Deactivated subscriptions get nothing.
    await h.call('POST', '/api/alerts', {
      body: firingAlert('DiskFull', h.engine.topology.services[0]?.id ?? ''),
    });
    await settled(h);
    expect(h.sent).toEqual([]);
  });

  it('allows DELETE in CORS preflight for allowed origins', async () => {
    const h = await harness();
    const app = createApp({
      engine: h.engine,
      repo: h.repo,
      logger: pino({ level: 'silent' }),
      version: 'test',
      startedAt: 0,
      auth: { operatorToken: OPERATOR },
      corsOrigins: ['https://console.example.com'],
      webhooks: h.webhooks,
    });
    const res = await app.request('/api/webhooks/WH-000001', {
      method: 'OPTIONS',
      headers: {
        origin: 'https://console.example.com',
        'access-control-request-method': 'DELETE',
      },
    });
    expect(res.headers.get('access-control-allow-methods')).toContain('DELETE');
  });

  it('answers 503 webhooks_unavailable when the app has no dispatcher', async () => {
    const h = await harness();
    const app = createApp({
      engine: h.engine,
      repo: h.repo,
      logger: pino({ level: 'silent' }),
      version: 'test',
      startedAt: 0,
      auth: { operatorToken: OPERATOR },
    });
    const res = await app.request('/api/webhooks', {
      headers: { authorization: `Bearer ${OPERATOR}` },
    });
    expect(res.status).toBe(503);
    expect((await json(res)).error.code).toBe('webhooks_unavailable');
  });
});

describe('webhook deliveries', () => {
  it('sends signed incident.opened and kill_switch.changed events the subscription chose', async () => {
    const h = await harness({ faultGeneration: false });
    const { secret } = await json(create(h, ['incident.opened', 'kill_switch.changed']));
    const service = h.engine.topology.services[0]?.id ?? '';

    const alert = await json(
      h.call('POST', '/api/alerts', { body: firingAlert('DiskFull', service) }),
    );
    // A repeat updates the incident: not subscribed, not sent.
    await h.call('POST', '/api/alerts', { body: firingAlert('DiskFull', service) });
    await h.call('POST', '/api/kill-switch', { body: { engaged: true, reason: 'drill' } });
    await settled(h);

    expect(h.sent.map((s) => headerOf(s.init, EVENT_HEADER))).toEqual([
      'incident.opened',
      'kill_switch.changed',
    ]);
    for (const { url, init } of h.sent) {
      expect(url).toBe(URL_OK);
      const body = String(init.body);
      const header = headerOf(init, SIGNATURE_HEADER);
      expect(verifySignature({ secret, header, body })).toEqual({ ok: true });
      expect(verifySignature({ secret: 'whsec_wrong', header, body }).ok).toBe(false);
    }
    const [opened, killSwitch] = h.sent.map((s) => JSON.parse(String(s.init.body)));
    const incidentId = alert.items[0].incidentId;
    expect(opened).toMatchObject({
      type: 'incident.opened',
      id: expect.stringMatching(/^EVT-/),
      data: {
        incident: {
          id: incidentId,
          status: 'open',
          services: [service],
          alertCount: 1,
          url: `/incidents/${incidentId}`,
        },
      },
    });
    expect(opened.data.incident.timeline).toBeUndefined();
    expect(killSwitch).toMatchObject({
      type: 'kill_switch.changed',
      data: { killSwitch: { engaged: true, reason: 'drill', engagedBy: 'operator' } },
    });

    const log = await json(h.call('GET', '/api/webhooks/WH-000001/deliveries'));
    expect(log.items.map((d: { event: string }) => d.event)).toEqual([
      'kill_switch.changed',
      'incident.opened',
    ]);
    expect(log.items[0]).toMatchObject({ status: 'succeeded', attempts: 1, lastStatusCode: 204 });
  });

  it('logs a failed attempt, retries it when due, and redelivers on request', async () => {
    const statuses = [500, 204, 204];
    const h = await harness({
      receiver: async () => new Response(null, { status: statuses.shift() ?? 204 }),
    });
    await create(h, ['incident.opened']);
    const test = await h.call('POST', '/api/webhooks/WH-000001/test');
    expect(test.status).toBe(202);
    const queued = await json(test);
    expect(queued).toMatchObject({ event: 'webhook.test', subscriptionId: 'WH-000001' });
    await settled(h);

    const [failed] = (await json(h.call('GET', '/api/webhooks/WH-000001/deliveries'))).items;
    expect(failed).toMatchObject({
      id: queued.id,
      status: 'retrying',
      attempts: 1,
      lastStatusCode: 500,
    });
    // The first retry is due within a second (full jitter).
    await new Promise((r) => setTimeout(r, 1_050));
    expect(h.webhooks.tick()).toBe(1);
    await settled(h);
    const [retried] = (await json(h.call('GET', '/api/webhooks/WH-000001/deliveries'))).items;
    expect(retried).toMatchObject({ id: queued.id, status: 'succeeded', attempts: 2 });

    const again = await h.call('POST', `/api/webhooks/deliveries/${queued.id}/redeliver`);
    expect(again.status).toBe(202);
    const redelivered = await json(again);
    expect(redelivered.id).not.toBe(queued.id);
    expect(redelivered.eventId).toBe(queued.eventId);
    await settled(h);
    expect(h.sent).toHaveLength(3);
    expect(String(h.sent[2]?.init.body)).toBe(String(h.sent[0]?.init.body));

    const audit = await h.repo.listAudit({ limit: 10, target: 'WH-000001' });
    expect(audit.items.map((e) => e.action)).toEqual([
      'webhook.redeliver',
      'webhook.test',
      'webhook.create',
    ]);
  });

  it('pages the delivery log newest first', async () => {
    const h = await harness();
    await create(h, ['incident.opened']);
    for (let i = 0; i < 3; i++) await h.call('POST', '/api/webhooks/WH-000001/test');
    await settled(h);
    const first = await json(h.call('GET', '/api/webhooks/WH-000001/deliveries?limit=2'));
    expect(first.items.map((d: { id: string }) => d.id)).toEqual(['DLV-000003', 'DLV-000002']);
    const rest = await json(
      h.call('GET', `/api/webhooks/WH-000001/deliveries?limit=2&cursor=${first.nextCursor}`),
    );
    expect(rest.items.map((d: { id: string }) => d.id)).toEqual(['DLV-000001']);
    expect(rest.nextCursor).toBeNull();
  });

  it('persists subscriptions and deliveries through the repository', async () => {
    const h = await harness();
    const { secret } = await json(create(h, ['incident.opened']));
    await h.call('POST', '/api/webhooks/WH-000001/test');
    await settled(h);
    const loaded = await loadWebhooks(h.repo);
    expect(loaded.subscriptions.map((s) => [s.id, s.secret])).toEqual([['WH-000001', secret]]);
    expect(loaded.deliveries.map((d) => d.delivery.status)).toEqual(['succeeded']);

    const restored = new WebhookDispatcher();
    restored.restore(loaded.subscriptions, loaded.deliveries);
    expect(restored.listSubscriptions().map((s) => s.id)).toEqual(['WH-000001']);
  });
});

describe('webhookDataOf', () => {
  it('maps a rollout change to its id, service, state and latest transition', () => {
    const transition = {
      from: 'canary',
      to: 'rolling',
      at: '2026-01-05T09:00:00.000Z',
      reason: 'ok',
    };
    const plan = {
      id: 'PLN-000001',
      service: 'checkout',
      state: 'rolling',
      transitions: [{ ...transition, from: 'planned', to: 'canary' }, transition],
    };
    // Only the fields the mapping reads matter here.
    const event = { type: 'rollout.state_changed', plan } as unknown as Parameters<
      typeof webhookDataOf
    >[0];
    expect(webhookDataOf(event)).toEqual({
      type: 'rollout.state_changed',
      data: { rollout: { id: 'PLN-000001', service: 'checkout', state: 'rolling', transition } },
    });
  });
});
