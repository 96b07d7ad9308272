import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { build } from 'esbuild';

/**
 * Shared by the HTTP benchmarks: builds the production server from source the way
 * apps/api/build.mjs does (into bench/.out, so apps/ is never written), starts it on a fresh
 * embedded store in a temp dir, and drives it with autocannon.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'bench', '.out');
export const TOKEN = 'bench-operator-token-0001';

/** Bundles apps/api/src/main.ts exactly as apps/api/build.mjs does (dynalite external). */
export async function buildServer(): Promise<string> {
  const outfile = join(out, 'api', 'main.js');
  await build({
    entryPoints: [join(root, 'apps', 'api', 'src', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    external: ['dynalite'],
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  return outfile;
}

export interface Running {
  url: string;
  dataDir: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** Waits for a child to print `pattern` on stdout; resolves with its first capture group. */
function waitFor(child: ChildProcess, pattern: RegExp, what: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    let err = '';
    const timer = setTimeout(() => reject(new Error(`${what} did not start:\n${err}`)), 60_000);
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      text += d.toString();
      const found = pattern.exec(text)?.[1];
      if (found) {
        clearTimeout(timer);
        resolve(found);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}:\n${err}`));
    });
  });
}

const stopChild = (child: ChildProcess): Promise<void> =>
  new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
    setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
  });

/** The production server on a fresh embedded store (dynalite on LevelDB) in a temp dir. */
export async function startServer(
  main: string,
  env: Record<string, string> = {},
  nodeArgs: string[] = [],
): Promise<Running> {
  const dataDir = mkdtempSync(join(os.tmpdir(), 'watchfloor-bench-'));
  const child = spawn(process.execPath, [...nodeArgs, main], {
    env: {
      ...process.env,
      PORT: '0',
      WATCHFLOOR_DATA_DIR: dataDir,
      WATCHFLOOR_STORE: 'embedded',
      WATCHFLOOR_OPERATOR_TOKEN: TOKEN,
      WATCHFLOOR_SEED: '11',
      WATCHFLOOR_AUTOSTART: 'false',
      WATCHFLOOR_RATE_LIMIT: '1000000',
      WATCHFLOOR_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitFor(child, /Watchfloor is running at (\S+)/, 'server');
  return {
    url,
    dataDir,
    child,
    stop: async () => {
      await stopChild(child);
      if (existsSync(dataDir)) rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The ceiling: a bare `new Hono().get('/', c => c.json({ ok: true }))` on @hono/node-server,
 * in its own process like the real server (this bundle re-run with `--bare-hono`).
 */
export async function startBareHono(): Promise<{
  url: string;
  pid: number;
  stop(): Promise<void>;
}> {
  const script = process.argv[1] ?? '';
  const child = spawn(process.execPath, [script, '--bare-hono'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await waitFor(child, /bare hono at (\S+)/, 'bare hono');
  return { url, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

/**
 * Pins processes (all their threads) to CPUs with Linux `taskset`, so a server and its load
 * generator do not take turns on one core. Returns false where taskset is missing.
 */
export function pin(pids: number[], cpus: string): boolean {
  try {
    for (const pid of pids) execFileSync('taskset', ['-a', '-p', '-c', cpus, String(pid)]);
    return true;
  } catch {
    return false;
  }
}

export const isBareHonoChild = () => process.argv.includes('--bare-hono');

export async function serveBareHono(): Promise<void> {
  const [{ Hono }, { serve }] = await Promise.all([import('hono'), import('@hono/node-server')]);
  const app = new Hono().get('/', (c) => c.json({ ok: true }));
  serve({ fetch: app.fetch, hostname: '127.0.0.1', port: 0 }, (info) => {
    process.stdout.write(`bare hono at http://127.0.0.1:${info.port}/\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}

export interface LoadResult {
  connections: number;
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p90: number; p99: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}

/** `connections` concurrent clients for `seconds` against one GET url. */
export async function load(
  url: string,
  options: { connections: number; seconds: number; headers?: Record<string, string> },
): Promise<LoadResult> {
  const r = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    headers: options.headers ?? {},
  });
  return {
    connections: options.connections,
    seconds: options.seconds,
    requests: r.requests.total,
    requestsPerSecond: Math.round(r.requests.total / options.seconds),
    latencyMs: {
      p50: r.latency.p50,
      p90: r.latency.p90,
      p99: r.latency.p99,
      max: r.latency.max,
    },
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
  };
}

export const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };

export async function getJson<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

export async function postJson<T>(url: string, body: unknown): Promise<T> {
  const res = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url}: ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}

/** Every item of a paginated list (limit 500 a page). */
export async function listAll<T>(url: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = url.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await getJson(
      `${url}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
