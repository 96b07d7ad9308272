import { auth, buildServer, getJson, listAll, type Running, round, startServer } from './server.ts';

/**
 * Alert ingest through `POST /api/alerts` on the production server and embedded store while
 * the engine runs (simulation on at ×60, so its own alerts are correlated alongside), then a
 * durability check: every alert id the API acknowledged (201) must be listed by
 * `GET /api/alerts` (all pages).
 *
 * CLIENTS concurrent clients post batches of BATCH firing alerts for SECONDS; each alert has a
 * distinct fingerprint (alertname × service × instance), no startsAt (the engine's now), so
 * AlertOps correlates them live into incidents as it would a real storm.
 */
const BATCH = 100;
const CLIENTS = 4;
const SECONDS = 15;
const ALERTNAMES = ['HighLatency', 'HighErrorRate', 'CpuSaturation', 'MemoryPressure', 'QueueLag'];

interface Topology {
  services: { id: string }[];
}

async function ingest(server: Running) {
  const { services } = await getJson<Topology>(`${server.url}/api/topology`);
  const acknowledged: string[] = [];
  const latencies: number[] = [];
  /** Wall second (from the start) each acknowledged batch completed in. */
  const doneAt: number[] = [];
  let refused = 0;
  let next = 0;
  const deadline = performance.now() + SECONDS * 1000;
  const started = performance.now();
  const client = async () => {
    while (performance.now() < deadline) {
      const batch = Array.from({ length: BATCH }, () => {
        const n = next++;
        return {
          labels: {
            alertname: ALERTNAMES[n % ALERTNAMES.length] ?? 'HighLatency',
            service: services[Math.floor(n / ALERTNAMES.length) % services.length]?.id ?? '',
            instance: `bench-${n}`,
            severity: n % 7 === 0 ? 'critical' : 'warning',
          },
          annotations: { summary: `ingest bench alert ${n}` },
        };
      });
      const t0 = performance.now();
      const res = await fetch(`${server.url}/api/alerts`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify(batch),
      });
      const body = (await res.json()) as { items?: { id: string }[] };
      latencies.push(performance.now() - t0);
      if (res.status !== 201 || !body.items) {
        refused++;
        continue;
      }
      for (const a of body.items) acknowledged.push(a.id);
      doneAt.push(Math.floor((performance.now() - started) / 1000));
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const q = (p: number) => round(latencies[Math.floor((latencies.length - 1) * p)] ?? 0, 1);
  // Alerts/s per 5-second window: does ingest slow down as firing alerts pile up?
  const perWindow = Array.from({ length: Math.ceil(SECONDS / 5) }, (_, w) =>
    Math.round((doneAt.filter((t) => Math.floor(t / 5) === w).length * BATCH) / 5),
  );
  return {
    acknowledged,
    seconds,
    refused,
    batches: latencies.length,
    p50: q(0.5),
    p99: q(0.99),
    perWindow,
  };
}

async function main() {
  const server = await startServer(await buildServer(), {
    WATCHFLOOR_AUTOSTART: 'true',
    WATCHFLOOR_SPEED: '60',
  });
  try {
    const run = await ingest(server);
    const verifyStarted = performance.now();
    const listed = new Set(
      (await listAll<{ id: string }>(`${server.url}/api/alerts`)).map((a) => a.id),
    );
    const unique = new Set(run.acknowledged);
    const lost = [...unique].filter((id) => !listed.has(id));
    const metrics = await getJson<Record<string, unknown>>(`${server.url}/api/metrics`);
    const alertsPerSecond = Math.round(run.acknowledged.length / run.seconds);
    process.stdout.write(
      `${JSON.stringify({
        store: 'embedded (dynalite on LevelDB in the server process, temp dir)',
        simulation: 'running at ×60 (its alerts correlated alongside)',
        clients: CLIENTS,
        batchSize: BATCH,
        seconds: round(run.seconds, 1),
        alertsAcknowledged: run.acknowledged.length,
        alertsPerSecond,
        alertsPerSecondBy5sWindow: run.perWindow,
        batchLatencyMs: { p50: run.p50, p99: run.p99 },
        refusedBatches: run.refused,
        verify: {
          alertsListed: listed.size,
          acknowledgedIds: unique.size,
          lost: lost.length,
          lostSample: lost.slice(0, 5),
          wallSeconds: round((performance.now() - verifyStarted) / 1000, 1),
        },
        incidentsAfter: metrics.incidents ?? metrics.incidentsOpened ?? null,
        targets: { noAcknowledgedAlertLost: { lost: lost.length, met: lost.length === 0 } },
      })}\n`,
    );
  } finally {
    await server.stop();
  }
}

await main();
