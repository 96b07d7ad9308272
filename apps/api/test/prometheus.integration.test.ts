import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort, type Peer, peerMissing, peers, startPeer } from './peers.ts';
import { eventually, post, type Running, startServer } from './server-process.ts';

const query = async (base: string, promql: string): Promise<number | undefined> => {
  const res = await fetch(`${base}/api/v1/query?query=${encodeURIComponent(promql)}`).catch(
    () => null,
  );
  if (!res?.ok) return undefined;
  const body = (await res.json()) as { data: { result: { value: [number, string] }[] } };
  const value = body.data.result[0]?.value[1];
  return value === undefined ? undefined : Number(value);
};

describe.skipIf(peerMissing(peers.prometheus, 'prometheus'))(
  'real Prometheus scraping /metrics',
  () => {
    let dir = '';
    let server: Running | undefined;
    let prom: Peer | undefined;
    afterAll(async () => {
      await prom?.stop();
      server?.child.kill('SIGTERM');
      await server?.exited;
      if (dir) await rm(dir, { recursive: true, force: true });
    });

    it('scrapes the exposition format and queries the kill switch and HTTP metrics back', async () => {
      dir = await mkdtemp(join(tmpdir(), 'watchfloor-prom-'));
      server = await startServer(join(dir, 'data'), { WATCHFLOOR_AUTOSTART: 'false' });
      const target = new URL(server.url).host;
      const promPort = await freePort();
      await writeFile(
        join(dir, 'prometheus.yml'),
        `global:
  scrape_interval: 1s
scrape_configs:
  - job_name: watchfloor
    metrics_path: /metrics
    static_configs:
      - targets: ['${target}']
`,
      );
      prom = startPeer(peers.prometheus, [
        `--config.file=${join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${join(dir, 'tsdb')}`,
        `--web.listen-address=127.0.0.1:${promPort}`,
      ]);
      const promUrl = `http://127.0.0.1:${promPort}`;
      expect(await eventually(() => query(promUrl, 'up{job="watchfloor"}'), 30_000)).toBe(1);
      expect(await eventually(() => query(promUrl, 'watchfloor_kill_switch_engaged'), 30_000)).toBe(
        0,
      );

      expect(
        (await post(`${server.url}/api/kill-switch`, { engaged: true, reason: 'scrape test' }))
          .status,
      ).toBe(200);
      await eventually(
        async () =>
          (await query(promUrl, 'watchfloor_kill_switch_engaged')) === 1 ? true : undefined,
        30_000,
      );
      const requests = await eventually(
        () =>
          query(
            promUrl,
            'sum(watchfloor_http_requests_total{route="/api/kill-switch",method="POST"})',
          ),
        30_000,
      );
      expect(requests).toBeGreaterThanOrEqual(1);
    });
  },
);
