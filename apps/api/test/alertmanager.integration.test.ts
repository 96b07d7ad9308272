import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type Peer, peerMissing, peers, startPeer } from './peers.ts';
import { eventually, listAll, type Running, startServer, TOKEN } from './server-process.ts';

interface StoredAlert {
  id: string;
  status: string;
  source: string;
  incidentId: string | null;
  labels: Record<string, string>;
}

describe.skipIf(peerMissing(peers.alertmanager, 'prometheus-alertmanager'))(
  'real Prometheus Alertmanager',
  () => {
    let dir = '';
    let server: Running | undefined;
    let am: Peer | undefined;
    afterAll(async () => {
      await am?.stop();
      server?.child.kill('SIGTERM');
      await server?.exited;
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('delivers alerts through its webhook receiver, correlated into incidents, and resolves them', async () => {
      dir = await mkdtemp(join(tmpdir(), 'watchfloor-am-'));
      server = await startServer(join(dir, 'data'), { WATCHFLOOR_AUTOSTART: 'false' });
      const services = (
        (await (await fetch(`${server.url}/api/topology/services?limit=1`)).json()) as {
          items: { id: string }[];
        }
      ).items;
      const service = String(services[0]?.id);
      const amPort = await freePort();
      await writeFile(
        join(dir, 'alertmanager.yml'),
        `route:
  receiver: watchfloor
  group_by: [service]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: watchfloor
    webhook_configs:
      - url: ${server.url}/api/integrations/alertmanager
        send_resolved: true
        http_config:
          authorization:
            credentials: ${TOKEN}
`,
      );
      am = startPeer(peers.alertmanager, [
        `--config.file=${join(dir, 'alertmanager.yml')}`,
        `--storage.path=${join(dir, 'am')}`,
        `--web.listen-address=127.0.0.1:${amPort}`,
        '--cluster.listen-address=',
      ]);
      const amUrl = `http://127.0.0.1:${amPort}`;
      await eventually(
        async () => ((await fetch(`${amUrl}/-/ready`).catch(() => null))?.ok ? true : undefined),
        30_000,
      );

      const startsAt = new Date().toISOString();
      const alerts = ['HighErrorRate', 'HighLatencyP95'].map((alertname) => ({
        labels: { alertname, service, severity: 'critical', host: `${service}-h1` },
        annotations: { summary: `${alertname} from Alertmanager` },
        startsAt,
      }));
      const posted = await fetch(`${amUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts),
      });
      expect(posted.ok, am.output()).toBe(true);

      const arrived = await eventually(async () => {
        const stored = (await listAll<StoredAlert>(`${server?.url}/api/alerts`)).filter(
          (a) => a.source === 'alertmanager',
        );
        return stored.length === 2 ? stored : undefined;
      }, 30_000);
      expect(arrived.map((a) => a.labels.alertname).sort()).toEqual([
        'HighErrorRate',
        'HighLatencyP95',
      ]);
      expect(arrived.every((a) => a.incidentId !== null)).toBe(true);

      // Resolving in Alertmanager (endsAt now) reaches us as a resolved notification.
      const endsAt = new Date().toISOString();
      await fetch(`${amUrl}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(alerts.map((a) => ({ ...a, endsAt }))),
      });
      await eventually(async () => {
        const stored = (await listAll<StoredAlert>(`${server?.url}/api/alerts`)).filter(
          (a) => a.source === 'alertmanager',
        );
        return stored.every((a) => a.status === 'resolved') ? true : undefined;
      }, 30_000);
    });
  },
);
