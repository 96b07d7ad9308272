import { buildServer, load, type Running, round, startServer, TOKEN } from './server.ts';

/**
 * The dashboard's reads at 36 and at 5,000 services (`WATCHFLOOR_SERVICES`): the production
 * server on the embedded store, simulation running. Each estate first runs at ×600 until
 * FILL_TICKS ticks (25 virtual minutes: alerts, incidents, logs, and forecasts, which need 20)
 * or FILL_MAX_SECONDS, then at ×SPEED: after SETTLE_SECONDS (so the engine's last ×600 loop
 * is not what the first read measures) every read the dashboard polls is loaded by
 * CONNECTIONS clients for SECONDS each, with the operator token and the browser's
 * Accept-Encoding as the dashboard sends them. Bytes are one request's uncompressed JSON.
 *
 * Targets: every read p99 < 50 ms at both sizes, and no answer growing with the estate
 * (bytes at 5,000 within 10× of bytes at 36, both floored at 1 KB).
 */
const ESTATES = [36, 5000] as const;
const CONNECTIONS = 10;
const SECONDS = 2;
const FILL_TICKS = 150;
const FILL_MAX_SECONDS = 15;
const SETTLE_SECONDS = 3;
const SPEED = Number(process.env.SCALE_SPEED ?? 1);
const P99_TARGET_MS = 50;
const GROWTH_TARGET = 10;

/** What the dashboard polls (page → read), plus the services view and a picker search. */
const READS: Record<string, string> = {
  killSwitch: '/api/kill-switch',
  simulation: '/api/simulation',
  session: '/api/session',
  metrics: '/api/metrics',
  topology: '/api/topology',
  recentIncidents: '/api/incidents?limit=8',
  incidents: '/api/incidents?limit=50',
  recentAudit: '/api/audit?limit=8',
  logs: '/api/logs?limit=200',
  forecasts: '/api/forecasts?limit=6',
  patches: '/api/patches?limit=20',
  agents: '/api/agents',
  learning: '/api/agents/learning',
  services: '/api/topology/services?limit=50',
  serviceSearch: '/api/topology/services?q=orders&limit=20',
};

const headers = { authorization: `Bearer ${TOKEN}` };
const browser = { ...headers, 'accept-encoding': 'gzip, deflate, br' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setSpeed(server: Running, speed: number) {
  const res = await fetch(`${server.url}/api/simulation`, {
    method: 'PATCH',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ speed }),
  });
  if (!res.ok) throw new Error(`PATCH speed: ${res.status} ${await res.text()}`);
}

async function simulation(server: Running) {
  const res = await fetch(`${server.url}/api/simulation`, { headers });
  return (await res.json()) as { virtualTime: string; ticks: number; alertsEmitted: number };
}

async function bytesOf(url: string): Promise<number> {
  const res = await fetch(url, { headers: { ...headers, 'accept-encoding': 'identity' } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${(await res.text()).slice(0, 200)}`);
  return (await res.arrayBuffer()).byteLength;
}

async function measure(main: string, services: number) {
  const server = await startServer(main, {
    WATCHFLOOR_SERVICES: String(services),
    WATCHFLOOR_AUTOSTART: 'true',
    WATCHFLOOR_SPEED: '600',
  });
  try {
    const deadline = performance.now() + FILL_MAX_SECONDS * 1000;
    const fillStarted = performance.now();
    while ((await simulation(server)).ticks < FILL_TICKS && performance.now() < deadline)
      await sleep(500);
    const fillSeconds = round((performance.now() - fillStarted) / 1000, 1);
    await setSpeed(server, SPEED);
    await sleep(SETTLE_SECONDS * 1000);
    const { virtualTime, ticks, alertsEmitted } = await simulation(server);
    const state = { fillSeconds, virtualTime, ticks, alertsEmitted };
    const reads: Record<string, unknown> = {};
    for (const [name, path] of Object.entries(READS)) {
      const url = `${server.url}${path}`;
      const bytes = await bytesOf(url);
      const r = await load(url, { connections: CONNECTIONS, seconds: SECONDS, headers: browser });
      reads[name] = {
        bytes,
        requestsPerSecond: r.requestsPerSecond,
        p50Ms: r.latencyMs.p50,
        p99Ms: r.latencyMs.p99,
        maxMs: r.latencyMs.max,
        non2xx: r.non2xx,
        errors: r.errors + r.timeouts,
      };
    }
    return { services, simulated: state, reads };
  } finally {
    await server.stop();
  }
}

type Read = { bytes: number; p99Ms: number; non2xx: number; errors: number };

const started = performance.now();
const main = await buildServer();
const runs = [];
for (const services of ESTATES) runs.push(await measure(main, services));
const [small, large] = runs as [(typeof runs)[number], (typeof runs)[number]];
const worstP99 = Math.max(
  ...runs.flatMap((run) => Object.values(run.reads).map((r) => (r as Read).p99Ms)),
);
const growth = Object.fromEntries(
  Object.keys(READS).map((name) => {
    const a = small.reads[name] as Read;
    const b = large.reads[name] as Read;
    return [name, round(Math.max(b.bytes, 1024) / Math.max(a.bytes, 1024), 2)];
  }),
);
const worstGrowth = Math.max(...Object.values(growth));
const failures = runs.flatMap((run) =>
  Object.entries(run.reads)
    .filter(([, r]) => (r as Read).non2xx > 0 || (r as Read).errors > 0)
    .map(([name]) => `${run.services}:${name}`),
);
process.stdout.write(
  `${JSON.stringify({
    connections: CONNECTIONS,
    secondsPerRead: SECONDS,
    fill: { speed: 600, ticks: FILL_TICKS, maxSeconds: FILL_MAX_SECONDS },
    measuredAtSpeed: SPEED,
    runs,
    bytesGrowth: growth,
    failures,
    wallSeconds: round((performance.now() - started) / 1000, 1),
    targets: {
      p99Ms: { value: worstP99, target: P99_TARGET_MS, met: worstP99 < P99_TARGET_MS },
      bytesGrowth: {
        value: worstGrowth,
        target: GROWTH_TARGET,
        met: worstGrowth <= GROWTH_TARGET,
      },
      noErrors: { value: failures.length, target: 0, met: failures.length === 0 },
    },
  })}\n`,
);
