import { auth, buildServer, getJson, listAll, type Running, round, startServer } from './server.ts';

/**
 * Alert ingest through `POST /api/alerts` on the production server and embedded store while
 * the engine runs (simulation on at ×60, so its own alerts are correlated alongside; then again
 * at ×1, where every alert lands in one storm), measured as the firing set grows: alerts/s
 * over MEASURE alerts posted once LEVELS[i] of the bench's alerts fire (none of them is
 * resolved), then a durability check: every alert id the API acknowledged (201) must be listed
 * by `GET /api/alerts` (all pages).
 *
 * CLIENTS concurrent clients post batches of BATCH firing alerts; each alert has a distinct
 * fingerprint (alertname × service × instance), no startsAt (the engine's now), so AlertOps
 * correlates them live into incidents as it would a real storm. Between levels the firing set
 * is filled the same way (not timed); before the first, WARMUP alerts are posted and cleared.
 * Engine timings come from `GET /metrics` (the watchfloor_engine_duration_seconds histogram),
 * per alert posted in each measured span.
 */
const BATCH = 100;
const CLIENTS = 4;
const LEVELS = [0, 2_000, 5_000, 10_000] as const;
const MEASURE = 2_000;
const WARMUP = 1_000;
const SPEED = 60;
const ALERTNAMES = ['HighLatency', 'HighErrorRate', 'CpuSaturation', 'MemoryPressure', 'QueueLag'];

interface Service {
  id: string;
}

/** The estate's services: paged at /api/topology/services, or inline in older /api/topology. */
async function servicesOf(server: Running): Promise<Service[]> {
  const res = await fetch(`${server.url}/api/topology/services?limit=100`);
  if (!res.ok)
    return (await getJson<{ services: Service[] }>(`${server.url}/api/topology`)).services;
  return listAll<Service>(`${server.url}/api/topology/services`);
}

interface Span {
  alerts: number;
  seconds: number;
  refused: number;
  latencies: number[];
}

/**
 * Posts alerts `from`..`from + count` (whole batches) with CLIENTS clients in parallel; alert
 * `n` is always the same alert, so posting it again `resolved` clears it.
 */
function poster(server: Running, services: Service[], acknowledged: string[]) {
  const alertOf = (n: number, resolved: boolean) => ({
    labels: {
      alertname: ALERTNAMES[n % ALERTNAMES.length] ?? 'HighLatency',
      service: services[Math.floor(n / ALERTNAMES.length) % services.length]?.id ?? '',
      instance: `bench-${n}`,
      severity: n % 7 === 0 ? 'critical' : 'warning',
    },
    annotations: { summary: `ingest bench alert ${n}` },
    ...(resolved ? { status: 'resolved' } : {}),
  });
  return async (from: number, count: number, resolved = false): Promise<Span> => {
    const latencies: number[] = [];
    let next = from;
    let refused = 0;
    let alerts = 0;
    const started = performance.now();
    const client = async () => {
      while (next < from + count) {
        const first = next;
        next += BATCH;
        const batch = Array.from({ length: BATCH }, (_, i) => alertOf(first + i, resolved));
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
        alerts += body.items.length;
      }
    };
    await Promise.all(Array.from({ length: CLIENTS }, client));
    return { alerts, seconds: (performance.now() - started) / 1000, refused, latencies };
  };
}

/** Cumulative engine seconds per operation (correlation, store_write) from `GET /metrics`. */
async function engineSeconds(server: Running): Promise<Record<string, number>> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const sums: Record<string, number> = {};
  for (const m of text.matchAll(
    /^watchfloor_engine_duration_seconds_sum\{[^}]*operation="(\w+)"[^}]*\} (\S+)$/gm,
  )) {
    sums[m[1] ?? ''] = Number(m[2]);
  }
  return sums;
}

async function ingest(server: Running) {
  const services = await servicesOf(server);
  const acknowledged: string[] = [];
  const post = poster(server, services, acknowledged);
  // Warm up (JIT, caches) on alerts that are then cleared, so "0 firing" is measured warm.
  let refused = (await post(0, WARMUP)).refused + (await post(0, WARMUP, true)).refused;
  let next = WARMUP;
  const levels = [];
  for (const level of LEVELS) {
    if (next - WARMUP < level) {
      refused += (await post(next, level - (next - WARMUP))).refused;
      next = WARMUP + level;
    }
    const firing = next - WARMUP;
    const before = await engineSeconds(server);
    const span = await post(next, MEASURE);
    next += MEASURE;
    const after = await engineSeconds(server);
    refused += span.refused;
    span.latencies.sort((a, b) => a - b);
    const q = (p: number) =>
      round(span.latencies[Math.floor((span.latencies.length - 1) * p)] ?? 0, 1);
    const msPerAlert = (op: string) =>
      round((((after[op] ?? 0) - (before[op] ?? 0)) * 1000) / Math.max(1, span.alerts), 3);
    levels.push({
      firing,
      alertsPerSecond: Math.round(span.alerts / span.seconds),
      batchLatencyMs: { p50: q(0.5), p99: q(0.99) },
      engineMsPerAlert: {
        correlation: msPerAlert('correlation'),
        storeWrite: msPerAlert('store_write'),
      },
    });
  }
  return { acknowledged, refused, levels };
}

/** One server at `speed`: ingest across the firing-set levels, then the durability check. */
async function runAt(speed: number) {
  const server = await startServer(await buildServer(), {
    WATCHFLOOR_AUTOSTART: 'true',
    WATCHFLOOR_SPEED: String(speed),
  });
  try {
    const started = performance.now();
    const run = await ingest(server);
    const seconds = (performance.now() - started) / 1000;
    const verifyStarted = performance.now();
    const listed = new Set(
      (await listAll<{ id: string }>(`${server.url}/api/alerts`)).map((a) => a.id),
    );
    const unique = new Set(run.acknowledged);
    const lost = [...unique].filter((id) => !listed.has(id));
    const metrics = await getJson<Record<string, unknown>>(`${server.url}/api/metrics`);
    const first = run.levels[0]?.alertsPerSecond ?? 0;
    const last = run.levels.at(-1);
    const all = run.levels.map((l) => l.alertsPerSecond);
    return {
      simulation: `running at ×${speed} (its alerts correlated alongside)`,
      seconds: round(seconds, 1),
      alertsAcknowledged: unique.size,
      alertsPerSecond: Math.round(all.reduce((a, b) => a + b, 0) / all.length),
      byFiringSet: run.levels,
      refusedBatches: run.refused,
      verify: {
        alertsListed: listed.size,
        acknowledgedIds: unique.size,
        lost: lost.length,
        lostSample: lost.slice(0, 5),
        wallSeconds: round((performance.now() - verifyStarted) / 1000, 1),
      },
      firingAfter: metrics.firingAlerts ?? null,
      incidentsAfter: metrics.incidents ?? metrics.incidentsOpened ?? null,
      lost: lost.length,
      firing: last?.firing ?? 0,
      ratio: first === 0 ? 0 : round((last?.alertsPerSecond ?? 0) / first, 2),
    };
  } finally {
    await server.stop();
  }
}

async function main() {
  // At ×60 the alerts spread over virtual hours as they pile up; at ×1 they all land within
  // minutes, one storm in the same few incidents: the worst case for the firing set.
  const { lost, firing, ratio, ...live } = await runAt(SPEED);
  const { lost: stormLost, firing: stormFiring, ratio: stormRatio, ...storm } = await runAt(1);
  const flat = (value: number, at: number) => ({
    note: `alerts/s at ${at} firing ≥ 50 % of alerts/s at 0 firing`,
    value,
    target: 0.5,
    met: value >= 0.5,
  });
  process.stdout.write(
    `${JSON.stringify({
      store: 'embedded (dynalite on LevelDB in the server process, temp dir)',
      clients: CLIENTS,
      batchSize: BATCH,
      alertsPerLevel: MEASURE,
      ...live,
      storm,
      targets: {
        noAcknowledgedAlertLost: { lost: lost + stormLost, met: lost + stormLost === 0 },
        flatUnderFiringSet: flat(ratio, firing),
        flatUnderFiringSetInStorm: flat(stormRatio, stormFiring),
      },
    })}\n`,
  );
}

await main();
