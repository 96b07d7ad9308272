import os from 'node:os';
import {
  buildServer,
  getJson,
  isBareHonoChild,
  type LoadResult,
  listAll,
  load,
  pin,
  postJson,
  round,
  serveBareHono,
  startBareHono,
  startServer,
} from './server.ts';

/**
 * Read path of the production server on the embedded store (dynalite on LevelDB, in the
 * server process, as `pnpm start` runs it): `GET /api/incidents?limit=50` with ≥ 1,000
 * incidents stored and `GET /api/health`, against a bare Hono JSON endpoint (the ceiling:
 * same HTTP stack, no app) in the same run. 50 connections, autocannon in this process, each
 * server in its own process, pinned to one core and the load to the other where taskset exists
 * (unpinned, the scheduler runs client and server by turns on one core now and then). Requests carry
 * `Accept-Encoding` as browsers send it (the list is then gzipped, once per store write); the
 * list is measured without it too.
 *
 * Seeding: 1,200 firing alerts through `POST /api/alerts` in batches of 400, each a distinct
 * alertname × service with onsets 20 virtual minutes apart (beyond the correlator's 15-minute
 * window), so each opens its own incident; the simulation is stopped so the numbers are the
 * read path alone.
 */
const SEED_ALERTS = 1200;
const BATCH = 400;
const CONNECTIONS = 50;
const SECONDS = 12;
const WARMUP_SECONDS = 2;

interface ServicePage {
  items: { id: string }[];
}

/** What a browser sends: the dashboard's reads go out with it, so the bench's do too. */
const BROWSER = { 'accept-encoding': 'gzip, deflate, br' };

async function seed(url: string): Promise<{ incidents: number; seconds: number }> {
  const { items: services } = await getJson<ServicePage>(`${url}/api/topology/services?limit=100`);
  const { virtualTime } = await getJson<{ virtualTime: string }>(`${url}/api/simulation`);
  const now = Date.parse(virtualTime);
  const started = performance.now();
  for (let first = 0; first < SEED_ALERTS; first += BATCH) {
    const batch = Array.from({ length: Math.min(BATCH, SEED_ALERTS - first) }, (_, k) => {
      const i = first + k;
      return {
        labels: {
          alertname: `BenchSeed${i}`,
          service: services[i % services.length]?.id ?? '',
          severity: i % 5 === 0 ? 'critical' : 'warning',
        },
        annotations: { summary: `seeded alert ${i}` },
        startsAt: new Date(now - (SEED_ALERTS - i) * 20 * 60_000).toISOString(),
      };
    });
    await postJson(`${url}/api/alerts`, batch);
  }
  const seconds = (performance.now() - started) / 1000;
  const incidents = (await listAll<{ id: string }>(`${url}/api/incidents`)).length;
  return { incidents, seconds: round(seconds, 2) };
}

/** Bytes on the wire for a gzip-accepting client (fetch would decompress them). */
async function wireBytes(url: string): Promise<number> {
  const { request } = await import('node:http');
  return new Promise((resolve, reject) => {
    request(url, { headers: BROWSER }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve(bytes));
    })
      .on('error', reject)
      .end();
  });
}

/** Rounds of a few seconds per endpoint, taken in turn, so a busy spell hits all alike. */
const ROUNDS = 4;

function combine(runs: LoadResult[]): LoadResult & { rounds: number[] } {
  const seconds = runs.reduce((t, r) => t + r.seconds, 0);
  const requests = runs.reduce((t, r) => t + r.requests, 0);
  const sorted = (pick: (r: LoadResult) => number) => runs.map(pick).sort((a, b) => a - b);
  const median = (xs: number[]) => xs[Math.floor(xs.length / 2)] ?? 0;
  return {
    connections: CONNECTIONS,
    seconds,
    requests,
    requestsPerSecond: Math.round(requests / seconds),
    latencyMs: {
      p50: median(sorted((r) => r.latencyMs.p50)),
      p90: median(sorted((r) => r.latencyMs.p90)),
      p99: Math.max(...runs.map((r) => r.latencyMs.p99)),
      max: Math.max(...runs.map((r) => r.latencyMs.max)),
    },
    non2xx: runs.reduce((t, r) => t + r.non2xx, 0),
    errors: runs.reduce((t, r) => t + r.errors, 0),
    timeouts: runs.reduce((t, r) => t + r.timeouts, 0),
    rounds: runs.map((r) => r.requestsPerSecond),
  };
}

/** Every endpoint warmed up, then measured in interleaved rounds. */
async function measureAll<Name extends string>(
  endpoints: Record<Name, { url: string; headers: Record<string, string> }>,
): Promise<Record<Name, ReturnType<typeof combine>>> {
  const named = Object.entries(endpoints) as [
    Name,
    { url: string; headers: Record<string, string> },
  ][];
  const runs: Record<string, LoadResult[]> = {};
  for (const [, { url, headers }] of named)
    await load(url, { connections: CONNECTIONS, seconds: WARMUP_SECONDS, headers });
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, { url, headers }] of named) {
      const run = await load(url, { connections: CONNECTIONS, seconds: SECONDS / ROUNDS, headers });
      runs[name] = [...(runs[name] ?? []), run];
    }
  }
  return Object.fromEntries(named.map(([name]) => [name, combine(runs[name] ?? [])])) as Record<
    Name,
    ReturnType<typeof combine>
  >;
}

async function main() {
  const bare = await startBareHono();
  const server = await startServer(await buildServer());
  // Both servers on the first CPU, autocannon (this process) on the second.
  const pinned =
    os.cpus().length >= 2 && pin([bare.pid, server.child.pid ?? 0], '0') && pin([process.pid], '1');
  try {
    const seeded = await seed(server.url);
    const listUrl = `${server.url}/api/incidents?limit=50`;
    const m = await measureAll({
      bare: { url: bare.url, headers: BROWSER },
      list: { url: listUrl, headers: BROWSER },
      listIdentity: { url: listUrl, headers: {} },
      health: { url: `${server.url}/api/health`, headers: BROWSER },
    });
    const { bare: ceiling, list, listIdentity, health } = m;
    const listBytes = (await (await fetch(listUrl)).arrayBuffer()).byteLength;
    const gzipBytes = await wireBytes(listUrl);
    const ratio = (r: LoadResult) => round(r.requestsPerSecond / ceiling.requestsPerSecond, 3);
    const listRatio = ratio(list);
    process.stdout.write(
      `${JSON.stringify({
        store: 'embedded (dynalite on LevelDB in the server process, temp dir)',
        pinned: pinned ? 'servers on CPU 0, autocannon on CPU 1 (taskset)' : false,
        seeding: {
          how: `${SEED_ALERTS} firing alerts via POST /api/alerts in batches of ${BATCH}, distinct alertname×service, onsets 20 virtual min apart; simulation stopped`,
          incidentsStored: seeded.incidents,
          wallSeconds: seeded.seconds,
        },
        connections: CONNECTIONS,
        secondsPerEndpoint: SECONDS,
        rounds: `${ROUNDS} rounds of ${SECONDS / ROUNDS} s per endpoint, taken in turn (bare, list, list without compression, health)`,
        bareHono: ceiling,
        requestHeaders: BROWSER,
        incidentsList: {
          ...list,
          ratioToBare: listRatio,
          responseBytes: listBytes,
          wireBytesGzip: gzipBytes,
        },
        incidentsListWithoutCompression: { ...listIdentity, ratioToBare: ratio(listIdentity) },
        health: { ...health, ratioToBare: ratio(health) },
        targets: {
          listRatioToBare: { value: listRatio, target: 0.5, met: listRatio >= 0.5 },
          listP99Ms: { value: list.latencyMs.p99, target: 50, met: list.latencyMs.p99 < 50 },
        },
      })}\n`,
    );
  } finally {
    await Promise.all([server.stop(), bare.stop()]);
  }
}

if (isBareHonoChild()) await serveBareHono();
else await main();
