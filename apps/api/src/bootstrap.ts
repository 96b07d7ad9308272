import { randomInt } from 'node:crypto';
import { Engine } from '@watchfloor/engine';
import type { Repository, RepositoryConfig } from '@watchfloor/kb';
import { ItemTooLargeError } from '@watchfloor/kb/errors';
import { createNarrator } from '@watchfloor/narrator';
import pino from 'pino';
import { createApp } from './app.ts';
import type { Env } from './env.ts';
import { ReplayCache } from './replay.ts';
import { createTelemetry } from './telemetry.ts';
import { resolveOperatorToken } from './token.ts';
import { publishEngineEvents } from './webhook-events.ts';
import { startWebhooks } from './webhooks.ts';

export const VERSION = '0.1.0';

export interface BootstrapOptions {
  /**
   * Opens the store. The node entry passes kb's `openRepository` (any store); the Lambda
   * entry passes a DynamoDB-only opener so the embedded store is never loaded there.
   */
  open: (config: RepositoryConfig) => Promise<Repository>;
  /** Directory of the built dashboard, served at `/` when present. */
  webRoot?: string | undefined;
  /** Remember cached reads for the node server's replay (replay.ts); no use on Lambda. */
  replayReads?: boolean;
}

/** Env -> repository -> engine (restored from the store) -> app: the wiring both entries share. */
export async function bootstrap(env: Env, options: BootstrapOptions) {
  const logger = pino({ level: env.WATCHFLOOR_LOG_LEVEL, base: { app: 'watchfloor' } });
  const seed = env.WATCHFLOOR_SEED ?? randomInt(2 ** 31 - 1);
  const repo = await options.open({
    store: env.WATCHFLOOR_STORE,
    dataDir: env.WATCHFLOOR_DATA_DIR,
    endpoint: env.DYNAMODB_ENDPOINT,
    tableName: env.WATCHFLOOR_TABLE,
    region: env.AWS_REGION,
    retention: {
      closedHours: env.WATCHFLOOR_RETENTION_HOURS,
      auditHours: env.WATCHFLOOR_AUDIT_RETENTION_HOURS,
    },
  });
  const telemetry = createTelemetry();
  const { dispatcher: webhooks, stop: stopWebhooks } = await startWebhooks(repo, env, logger);
  const engine = new Engine({
    repo,
    seed,
    onTiming: (name, seconds) => telemetry.recordTiming(name, seconds),
    speed: env.WATCHFLOOR_SPEED,
    simulator: { services: env.WATCHFLOOR_SERVICES },
    learning: env.WATCHFLOOR_LEARNING,
    narrator:
      env.WATCHFLOOR_NARRATOR === 'bedrock'
        ? createNarrator({ kind: 'bedrock', modelId: env.BEDROCK_MODEL_ID, region: env.AWS_REGION })
        : undefined,
    onBackgroundError: (err) =>
      logger.error(
        { err },
        err instanceof ItemTooLargeError
          ? 'record too large for the store; left out'
          : 'engine write failed; will retry',
      ),
    onEvent: publishEngineEvents(webhooks, (err) =>
      logger.error({ err }, 'webhook publish failed'),
    ),
  });
  await engine.init();
  const operator = await resolveOperatorToken(
    env.WATCHFLOOR_OPERATOR_TOKEN,
    env.WATCHFLOOR_DATA_DIR,
  );
  const auth = { operatorToken: operator.token, viewerToken: env.WATCHFLOOR_VIEWER_TOKEN };
  const replay = options.replayReads ? new ReplayCache(() => engine.writeVersion) : undefined;
  const app = createApp({
    engine,
    repo,
    logger,
    telemetry,
    version: VERSION,
    startedAt: Date.now(),
    webRoot: options.webRoot,
    rateLimitPerMinute: env.WATCHFLOOR_RATE_LIMIT,
    corsOrigins: env.WATCHFLOOR_CORS_ORIGINS,
    auth,
    webhooks,
    replay,
  });
  return {
    logger,
    seed,
    repo,
    telemetry,
    engine,
    operator,
    auth,
    app,
    replay,
    webhooks,
    stopWebhooks,
  };
}

export type Bootstrapped = Awaited<ReturnType<typeof bootstrap>>;
