import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, listAll, MAIN, post, startServer } from './server-process.ts';

describe('the production server on the embedded store', () => {
  let dataDir = '';
  beforeAll(async () => {
    await stat(MAIN).catch(() => {
      throw new Error('dist/main.js missing: run `pnpm --filter @watchfloor/api build` first');
    });
    dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-server-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('reports the embedded store and produces simulated alerts and incidents', async () => {
    const server = await startServer(join(dataDir, 'live'), { WATCHFLOOR_SPEED: '120' });
    try {
      const health = await (await fetch(`${server.url}/api/health`)).json();
      expect(health).toMatchObject({ status: 'ok', store: 'embedded', storeOk: true });
      const incidents = await eventually(async () => {
        const body = (await (await fetch(`${server.url}/api/incidents`)).json()) as {
          items: unknown[];
        };
        return body.items.length > 0 ? body.items : undefined;
      });
      expect(incidents.length).toBeGreaterThan(0);
      const alerts = (await (await fetch(`${server.url}/api/alerts`)).json()) as {
        items: unknown[];
      };
      expect(alerts.items.length).toBeGreaterThan(0);
    } finally {
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);
    }
  });

  it('keeps every acknowledged write across 20 SIGKILLs at random moments under load', async () => {
    const dir = join(dataDir, 'crash');
    const env = { WATCHFLOOR_AUTOSTART: 'false', WATCHFLOOR_LOG_LEVEL: 'warn' };
    const acked = { alerts: new Set<string>(), incidents: new Map<string, string>(), audit: 0 };
    let server = await startServer(dir, env);
    const services = (
      (await (await fetch(`${server.url}/api/topology/services?limit=500`)).json()) as {
        items: { id: string }[];
      }
    ).items;
    let seed = 20261123;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let round = 0; round < 20; round++) {
      const engaged = round % 2 === 0;
      const ks = await post(`${server.url}/api/kill-switch`, { engaged, reason: `round ${round}` });
      expect(ks.status).toBe(200);
      acked.audit++;

      // Load: four clients posting alerts and acknowledging incidents until the process dies.
      let alive = true;
      const client = async (n: number) => {
        for (let i = 0; alive; i++) {
          try {
            const service = services[(round * 7 + n * 3 + i) % services.length]?.id;
            const res = await post(`${server.url}/api/alerts`, {
              labels: {
                alertname: `Crash${round}x${n}`,
                service,
                severity: 'warning',
                host: `h${i}`,
              },
            });
            if (res.status !== 201) continue;
            const { items } = (await res.json()) as { items: { id: string; incidentId: string }[] };
            for (const a of items) {
              acked.alerts.add(a.id);
              if (!acked.incidents.has(a.incidentId)) acked.incidents.set(a.incidentId, 'open');
            }
            acked.audit++;
            const incident = items[0]?.incidentId;
            if (incident && i % 3 === 0 && acked.incidents.get(incident) === 'open') {
              const ack = await post(`${server.url}/api/incidents/${incident}/ack`);
              if (ack.status === 200) {
                acked.incidents.set(incident, 'acknowledged');
                acked.audit++;
              }
            }
          } catch {
            // the connection died with the process: that request was never acknowledged
          }
        }
      };
      const load = [0, 1, 2, 3].map(client);
      await new Promise((r) => setTimeout(r, 100 + Math.floor(random() * 500)));
      server.child.kill('SIGKILL');
      await server.exited;
      alive = false;
      await Promise.all(load);
      server = await startServer(dir, env);

      const storedAlerts = new Set(
        (await listAll<{ id: string }>(`${server.url}/api/alerts`)).map((a) => a.id),
      );
      expect([...acked.alerts].filter((id) => !storedAlerts.has(id))).toEqual([]);
      const storedIncidents = new Map(
        (await listAll<{ id: string; status: string }>(`${server.url}/api/incidents`)).map((i) => [
          i.id,
          i.status,
        ]),
      );
      for (const [id, status] of acked.incidents) {
        // an ack in flight at the kill may have landed without being acknowledged to us
        if (status === 'acknowledged') expect(storedIncidents.get(id), id).toBe('acknowledged');
        else expect(['open', 'acknowledged'], id).toContain(storedIncidents.get(id));
      }
      const audit = (await (await fetch(`${server.url}/api/audit?limit=1`)).json()) as {
        items: { id: string }[];
      };
      expect(Number(audit.items[0]?.id.slice(4))).toBeGreaterThanOrEqual(acked.audit);
      const killSwitch = (await (await fetch(`${server.url}/api/kill-switch`)).json()) as {
        engaged: boolean;
        reason: string;
      };
      expect(killSwitch).toMatchObject({ engaged, reason: `round ${round}` });
    }
    expect(acked.alerts.size).toBeGreaterThan(100);
    server.child.kill('SIGTERM');
    await server.exited;
  });
});
