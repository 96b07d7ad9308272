import { fileURLToPath } from 'node:url';
import { openRepository } from '@watchfloor/kb';
import { bootstrap } from './bootstrap.ts';
import { readEnv } from './env.ts';
import { serveNode } from './node-server.ts';

async function main() {
  const env = readEnv();
  const boot = await bootstrap(env, {
    open: openRepository,
    // dist/main.js -> apps/web/dist
    webRoot: fileURLToPath(new URL('../../web/dist', import.meta.url)),
    replayReads: true,
  });
  const { logger, seed, repo, engine, operator, app, stopWebhooks } = boot;
  engine.startTimer();
  if (env.WATCHFLOOR_AUTOSTART) await engine.setRunning(true, { actor: 'engine', requestId: null });

  const replay = boot.replay && { ...boot, replay: boot.replay };
  const server = serveNode(app, { hostname: env.HOST, port: env.PORT, replay }, (info) => {
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
    await stopWebhooks().catch((err) => logger.error({ err }, 'webhook drain failed'));
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
