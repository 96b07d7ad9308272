import { randomInt } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { Engine } from '@watchfloor/engine';
import { openRepository } from '@watchfloor/kb';
import pino from 'pino';
import { createApp } from './app.ts';
import { readEnv } from './env.ts';
import { createTelemetry } from './telemetry.ts';
import { resolveOperatorToken } from './token.ts';

const VERSION = '0.1.0';

async function main() {
  const env = readEnv();
  const logger = pino({ level: env.WATCHFLOOR_LOG_LEVEL, base: { app: 'watchfloor' } });
  const seed = env.WATCHFLOOR_SEED ?? randomInt(2 ** 31 - 1);
  const repo = await openRepository({
    store: env.WATCHFLOOR_STORE,
    dataDir: env.WATCHFLOOR_DATA_DIR,
    endpoint: env.DYNAMODB_ENDPOINT,
    tableName: env.WATCHFLOOR_TABLE,
    region: env.AWS_REGION,
  });
  const telemetry = createTelemetry();
  const engine = new Engine({
    repo,
    seed,
    onTiming: (name, seconds) => telemetry.recordTiming(name, seconds),
    speed: env.WATCHFLOOR_SPEED,
    onBackgroundError: (err) => logger.error({ err }, 'engine write failed; will retry'),
  });
  await engine.init();
  const operator = await resolveOperatorToken(
    env.WATCHFLOOR_OPERATOR_TOKEN,
    env.WATCHFLOOR_DATA_DIR,
  );
  const app = createApp({
    engine,
    repo,
    logger,
    telemetry,
    version: VERSION,
    startedAt: Date.now(),
    // dist/main.js -> apps/web/dist
    webRoot: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    rateLimitPerMinute: env.WATCHFLOOR_RATE_LIMIT,
    corsOrigins: env.WATCHFLOOR_CORS_ORIGINS,
    auth: { operatorToken: operator.token, viewerToken: env.WATCHFLOOR_VIEWER_TOKEN },
  });
  engine.startTimer();
  if (env.WATCHFLOOR_AUTOSTART) await engine.setRunning(true, { actor: 'engine', requestId: null });

  const server = serve({ fetch: app.fetch, hostname: env.HOST, port: env.PORT }, (info) => {
    const url = `http://${env.HOST.includes(':') ? `[${env.HOST}]` : env.HOST}:${info.port}`;
    logger.info({ port: info.port, url, store: repo.kind, seed }, 'listening');
    const login =
      operator.source === 'env'
        ? '(operator token from WATCHFLOOR_OPERATOR_TOKEN)'
        : `${url}/?token=${operator.token}`;
    process.stdout.write(
      `\n  Watchfloor is running at ${url}\n  store: ${repo.kind} (${env.WATCHFLOOR_DATA_DIR})  seed: ${seed}\n  operator login: ${login}\n\n`,
    );
  });

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server.close();
    await engine.close().catch((err) => logger.error({ err }, 'final write failed'));
    await repo.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
