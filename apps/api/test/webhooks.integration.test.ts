import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { verifySignature } from '@watchfloor/webhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, MAIN, post, type Running, startServer, TOKEN } from './server-process.ts';

interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

/** A local receiver: records every request; `/flaky` answers 500 once, everything else 200. */
async function startReceiver() {
  const received: Received[] = [];
  const failuresLeft = new Map([['/flaky', 1]]);
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      const left = failuresLeft.get(path) ?? 0;
      const status = left > 0 ? 500 : 200;
      failuresLeft.set(path, left - 1);
      received.push({
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        status,
      });
      res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'boom');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

type Receiver = Awaited<ReturnType<typeof startReceiver>>;

const authorized = { authorization: `Bearer ${TOKEN}` };

async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url, { headers: authorized });
  expect(res.status, url).toBe(200);
  return (await res.json()) as T;
}

interface Delivery {
  id: string;
  event: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
}

const deliveries = async (server: Running, id: string) =>
  (await getJson<{ items: Delivery[] }>(`${server.url}/api/webhooks/${id}/deliveries`)).items;

/** The first request at `path` for `event` after `from` received requests. */
const arrival = (receiver: Receiver, path: string, event: string, from = 0) =>
  eventually(
    async () =>
      receiver.received
        .slice(from)
        .find((r) => r.path === path && r.headers['x-watchfloor-event'] === event),
    20_000,
  );

const verified = (secret: string, r: Received) =>
  verifySignature({ secret, header: r.headers['x-watchfloor-signature'] as string, body: r.body });

describe('outbound webhooks from the production server', () => {
  let dataDir = '';
  let receiver: Receiver;
  const env = {
    WATCHFLOOR_AUTOSTART: 'false',
    WATCHFLOOR_LOG_LEVEL: 'warn',
    WATCHFLOOR_WEBHOOK_ALLOW_PRIVATE: 'true',
  };

  beforeAll(async () => {
    await stat(MAIN).catch(() => {
      throw new Error('dist/main.js missing: run `node build.mjs` in apps/api first');
    });
    dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-webhooks-'));
    receiver = await startReceiver();
  });
  afterAll(async () => {
    await receiver.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs, delivers, retries, refuses metadata URLs and keeps subscriptions across a restart', async () => {
    let server = await startServer(dataDir, env);
    try {
      // Subscribe: the secret comes back once.
      const createdRes = await post(`${server.url}/api/webhooks`, {
        url: `${receiver.url}/ok`,
        events: ['incident.opened', 'kill_switch.changed'],
        description: 'integration receiver',
      });
      expect(createdRes.status).toBe(201);
      const created = (await createdRes.json()) as { id: string; secret: string };
      expect(created.id).toBe('WH-000001');
      expect(created.secret).toMatch(/^whsec_/);

      // SSRF: metadata stays refused even with private networks allowed.
      const metadata = await post(`${server.url}/api/webhooks`, {
        url: 'http://169.254.169.254/',
        events: ['incident.opened'],
      });
      expect(metadata.status).toBe(400);
      const refusal = (await metadata.json()) as {
        error: { code: string; message: string; details: { field: string } };
      };
      expect(refusal.error.details.field).toBe('url');
      expect(refusal.error.message).toContain('cloud metadata');

      // An alert opens an incident -> incident.opened, signed with the secret.
      const services = await getJson<{ items: { id: string }[] }>(
        `${server.url}/api/topology/services?limit=1`,
      );
      const service = services.items[0]?.id ?? '';
      const alertRes = await post(`${server.url}/api/alerts`, {
        labels: { alertname: 'WebhookProbe', service, severity: 'critical' },
        annotations: { summary: 'probe' },
      });
      expect(alertRes.status).toBe(201);
      const { items } = (await alertRes.json()) as { items: { incidentId: string }[] };
      const opened = await arrival(receiver, '/ok', 'incident.opened');
      expect(verified(created.secret, opened)).toEqual({ ok: true });
      expect(verified('whsec_not-the-secret', opened).ok).toBe(false);
      expect(opened.headers['content-type']).toBe('application/json');
      expect(opened.headers['x-watchfloor-delivery']).toMatch(/^DLV-\d+$/);
      const openedBody = JSON.parse(opened.body) as {
        type: string;
        data: { incident: { id: string; url: string; alertCount: number } };
      };
      expect(openedBody.type).toBe('incident.opened');
      expect(openedBody.data.incident).toMatchObject({
        id: items[0]?.incidentId,
        url: `/incidents/${items[0]?.incidentId}`,
        alertCount: 1,
      });

      // The kill switch -> kill_switch.changed.
      expect(
        (await post(`${server.url}/api/kill-switch`, { engaged: true, reason: 'drill' })).status,
      ).toBe(200);
      const engaged = await arrival(receiver, '/ok', 'kill_switch.changed');
      expect(verified(created.secret, engaged)).toEqual({ ok: true });
      expect(JSON.parse(engaged.body)).toMatchObject({
        data: { killSwitch: { engaged: true, reason: 'drill' } },
      });

      // The log shows both, delivered on the first attempt.
      const log = await eventually(async () => {
        const found = await deliveries(server, created.id);
        return found.length === 2 && found.every((d) => d.status === 'succeeded')
          ? found
          : undefined;
      });
      expect(log.map((d) => [d.event, d.status, d.attempts, d.lastStatusCode])).toEqual([
        ['kill_switch.changed', 'succeeded', 1, 200],
        ['incident.opened', 'succeeded', 1, 200],
      ]);

      // A receiver answering 500 then 200: the retry shows in the log.
      const flakyRes = await post(`${server.url}/api/webhooks`, {
        url: `${receiver.url}/flaky`,
        events: ['kill_switch.changed'],
      });
      expect(flakyRes.status).toBe(201);
      const flaky = (await flakyRes.json()) as { id: string; secret: string };
      const from = receiver.received.length;
      expect(
        (await post(`${server.url}/api/kill-switch`, { engaged: false, reason: 'drill over' }))
          .status,
      ).toBe(200);
      const retried = await eventually(async () => {
        const [latest] = await deliveries(server, flaky.id);
        return latest?.status === 'succeeded' ? latest : undefined;
      }, 20_000);
      expect(retried).toMatchObject({ attempts: 2, lastStatusCode: 200 });
      const attempts = receiver.received.slice(from).filter((r) => r.path === '/flaky');
      expect(attempts.map((r) => r.status)).toEqual([500, 200]);
      expect(new Set(attempts.map((r) => r.headers['x-watchfloor-delivery'])).size).toBe(1);
      for (const r of attempts) expect(verified(flaky.secret, r)).toEqual({ ok: true });

      // Restart on the same data dir: subscriptions, secrets and the log survive.
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
      server = await startServer(dataDir, env);
      const listed = await getJson<{ items: { id: string; active: boolean; secret?: string }[] }>(
        `${server.url}/api/webhooks`,
      );
      expect(listed.items.map((s) => [s.id, s.active, s.secret])).toEqual([
        ['WH-000001', true, undefined],
        ['WH-000002', true, undefined],
      ]);
      const logAfter = await deliveries(server, created.id);
      expect(logAfter.map((d) => d.event)).toEqual([
        'kill_switch.changed',
        'kill_switch.changed',
        'incident.opened',
      ]);
      const before = receiver.received.length;
      expect(
        (await post(`${server.url}/api/kill-switch`, { engaged: true, reason: 'after restart' }))
          .status,
      ).toBe(200);
      const afterRestart = await arrival(receiver, '/ok', 'kill_switch.changed', before);
      expect(verified(created.secret, afterRestart)).toEqual({ ok: true });
      const newest = Number(String(afterRestart.headers['x-watchfloor-delivery']).slice(4));
      expect(newest).toBeGreaterThan(Math.max(...logAfter.map((d) => Number(d.id.slice(4)))));
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
    }
  });
});
