import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The operator token every spec signs in with (the server reads it from the environment). */
export const TOKEN = 'e2e-operator-token-0123456789';
export const SEED = '42';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const MAIN = join(ROOT, 'apps/api/dist/main.js');
const WEB_INDEX = join(ROOT, 'apps/web/dist/index.html');

export interface RunningServer {
  url: string;
  /** Stops the process (SIGKILL with `crash`) and removes its data directory. */
  stop(options?: { crash?: boolean }): Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });

async function waitForHealth(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return;
      last = `status ${res.status}`;
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`Watchfloor at ${url} did not become healthy: ${last}`);
}

/**
 * Starts the production build (`node apps/api/dist/main.js`, which serves apps/web/dist)
 * on a fresh embedded store with a fixed seed and token. `port: 0` picks a free port;
 * `services` sizes the estate (the default 36 when left out).
 */
export async function startServer(options: {
  port: number;
  services?: number;
}): Promise<RunningServer> {
  for (const file of [MAIN, WEB_INDEX]) {
    if (!existsSync(file)) {
      throw new Error(`${file} is missing: build first (turbo runs @watchfloor/api#build).`);
    }
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    HOST: '127.0.0.1',
    PORT: String(options.port),
    WATCHFLOOR_DATA_DIR: dataDir,
    WATCHFLOOR_STORE: 'embedded',
    WATCHFLOOR_SEED: SEED,
    WATCHFLOOR_SPEED: '60',
    WATCHFLOOR_AUTOSTART: 'false',
    WATCHFLOOR_OPERATOR_TOKEN: TOKEN,
    WATCHFLOOR_LOG_LEVEL: 'warn',
    ...(options.services ? { WATCHFLOOR_SERVICES: String(options.services) } : {}),
  };
  delete env.WATCHFLOOR_VIEWER_TOKEN;
  const child = spawn(process.execPath, [MAIN], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`server exited (${code}) before listening:\n${output}`)),
    );
  });
  await waitForHealth(url, 30_000);
  return {
    url,
    async stop({ crash = false } = {}) {
      if (child.exitCode === null && child.signalCode === null)
        child.kill(crash ? 'SIGKILL' : 'SIGTERM');
      await exited(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
