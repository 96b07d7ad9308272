import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const TOKEN = 'integration-operator-token-01';

interface Running {
  child: ChildProcess;
  url: string;
  exited: Promise<number | null>;
}

/** Starts the built server on a random port and resolves once it logs `listening`. */
function startServer(dataDir: string, env: Record<string, string> = {}): Promise<Running> {
  const child = spawn(process.execPath, [MAIN], {
    env: {
      ...process.env,
      PORT: '0',
      WATCHFLOOR_DATA_DIR: dataDir,
      WATCHFLOOR_OPERATOR_TOKEN: TOKEN,
      WATCHFLOOR_SEED: '11',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(
      () => reject(new Error(`server did not start:\n${out}\n${err}`)),
      30_000,
    );
    child.stderr?.on('data', (d) => {
      err += d;
    });
    child.stdout?.on('data', (d) => {
      out += d;
      for (const line of out.split('\n')) {
        if (!line.startsWith('{')) continue;
        const entry = JSON.parse(line) as { msg?: string; url?: string };
        if (entry.msg === 'listening' && entry.url) {
          clearTimeout(timer);
          resolve({ child, url: entry.url, exited });
          return;
        }
      }
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}:\n${err}`)));
  });
}

const post = (url: string, body?: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** Polls a condition on real time; the server runs its own clock, so this is the only way. */
async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 200));
  }
}

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

  it('keeps every acknowledged write across SIGKILL and restart', async () => {
    const dir = join(dataDir, 'crash');
    const env = { WATCHFLOOR_AUTOSTART: 'false' };
    const acknowledged = { alerts: [] as string[], incidents: new Map<string, string>(), audit: 0 };
    let server = await startServer(dir, env);
    const services = (
      (await (await fetch(`${server.url}/api/topology`)).json()) as { services: { id: string }[] }
    ).services;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 8; i++) {
        const service = services[(round * 8 + i) % services.length]?.id;
        const res = await post(`${server.url}/api/alerts`, {
          labels: { alertname: `CrashProbe${round}`, service, severity: 'warning', host: `h${i}` },
        });
        expect(res.status).toBe(201);
        const { items } = (await res.json()) as { items: { id: string; incidentId: string }[] };
        for (const a of items) {
          acknowledged.alerts.push(a.id);
          acknowledged.incidents.set(a.incidentId, 'open');
        }
        acknowledged.audit++;
      }
      const firstIncident = [...acknowledged.incidents.keys()][round];
      if (firstIncident) {
        const ack = await post(`${server.url}/api/incidents/${firstIncident}/ack`, {
          note: `round ${round}`,
        });
        expect(ack.status).toBe(200);
        acknowledged.incidents.set(firstIncident, 'acknowledged');
        acknowledged.audit++;
      }
      const ks = await post(`${server.url}/api/kill-switch`, {
        engaged: round % 2 === 0,
        reason: `round ${round}`,
      });
      expect(ks.status).toBe(200);
      acknowledged.audit++;

      server.child.kill('SIGKILL');
      await server.exited;
      server = await startServer(dir, env);

      for (const id of acknowledged.alerts) {
        expect((await fetch(`${server.url}/api/alerts/${id}`)).status, id).toBe(200);
      }
      for (const [id, status] of acknowledged.incidents) {
        const incident = (await (await fetch(`${server.url}/api/incidents/${id}`)).json()) as {
          status: string;
        };
        expect(incident.status, id).toBe(status);
      }
      const audit = (await (await fetch(`${server.url}/api/audit?limit=500`)).json()) as {
        items: unknown[];
      };
      expect(audit.items.length).toBeGreaterThanOrEqual(acknowledged.audit);
      const killSwitch = (await (await fetch(`${server.url}/api/kill-switch`)).json()) as {
        engaged: boolean;
        reason: string;
      };
      expect(killSwitch).toMatchObject({ engaged: round % 2 === 0, reason: `round ${round}` });
    }
    server.child.kill('SIGTERM');
    await server.exited;
  });
});
