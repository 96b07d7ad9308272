// AWS Lambda entry (aws/template.yaml). One function serves the HTTP API and the one-minute
// schedule, with reserved concurrency 1: the engine keeps the simulator, the kill switch and
// the id counters in memory and assumes it is the only writer, exactly like the node server.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Repository, RepositoryConfig } from '@watchfloor/kb';
import { openDynamoRepository } from '@watchfloor/kb/dynamodb';
import { TICK_SECONDS } from '@watchfloor/sim';
import { handle, type LambdaContext, type LambdaEvent } from 'hono/aws-lambda';
import { type Bootstrapped, bootstrap } from './bootstrap.ts';
import { readEnv } from './env.ts';

const TICK_MS = TICK_SECONDS * 1000;
/**
 * Simulator ticks per scheduled run at most (20 virtual minutes, a few seconds of work), so a
 * tick never holds the single container long; extra virtual time is dropped, which caps
 * the effective speed on Lambda at 20x.
 */
export const MAX_STEPS_PER_TICK = 120;
/** What the schedule sends (the `Input` of the Schedule event in aws/template.yaml). */
export const TICK_EVENT = { watchfloor: 'tick' } as const;

/**
 * DynamoDB only. kb's `openRepository` also knows the embedded store (dynalite, native
 * LevelDB), which must not be loaded on Lambda, so this opens the adapter directly.
 */
export const openLambdaRepository = async (config: RepositoryConfig): Promise<Repository> => {
  if (config.store !== 'dynamodb') {
    throw new Error(`WATCHFLOOR_STORE=${config.store} is not supported on Lambda; use dynamodb`);
  }
  // The template creates the table, so opening only calls DescribeTable.
  return openDynamoRepository(config);
};

export interface TickResult {
  running: boolean;
  steps: number;
  virtualTime: string;
}

export interface LambdaOptions {
  /** Defaults to `process.env`, read at the first invocation (cold start). */
  env?: NodeJS.ProcessEnv;
  /** Wall clock that paces the schedule; tests move it by hand. */
  now?: () => number;
  /** Built dashboard; defaults to `web/` beside the bundle (aws/build.mjs copies it there). */
  webRoot?: string;
}

interface Container extends Bootstrapped {
  http: ReturnType<typeof handle>;
  lastTickAt: number;
  budgetMs: number;
}

const isTickEvent = (event: unknown): event is typeof TICK_EVENT =>
  typeof event === 'object' &&
  event !== null &&
  'watchfloor' in event &&
  event.watchfloor === TICK_EVENT.watchfloor;

/**
 * Builds the handlers over one lazily created app/engine/repository per container: the
 * first invocation (cold start) boots, later ones reuse it.
 */
export function createLambda(options: LambdaOptions = {}) {
  const now = options.now ?? (() => Date.now());
  let container: Promise<Container> | null = null;

  const boot = async (): Promise<Container> => {
    const env = readEnv(options.env ?? process.env);
    if (!env.WATCHFLOOR_OPERATOR_TOKEN) {
      // Lambda has no data dir to keep a generated token in; every container would differ.
      throw new Error('WATCHFLOOR_OPERATOR_TOKEN must be set on Lambda (OperatorToken parameter)');
    }
    const booted = await bootstrap(env, {
      open: openLambdaRepository,
      webRoot: options.webRoot ?? join(dirname(fileURLToPath(import.meta.url)), 'web'),
    });
    if (env.WATCHFLOOR_AUTOSTART) {
      await booted.engine.setRunning(true, { actor: 'engine', requestId: null });
    }
    booted.logger.info({ store: booted.repo.kind, seed: booted.seed }, 'lambda container ready');
    return { ...booted, http: handle(booted.app), lastTickAt: now(), budgetMs: 0 };
  };

  const ready = (): Promise<Container> => {
    container ??= boot().catch((err: unknown) => {
      container = null; // the next invocation tries again
      throw err;
    });
    return container;
  };

  /** Advances the simulation by the wall time since the last tick times the speed (bounded). */
  const tick = async (): Promise<TickResult> => {
    const c = await ready();
    const at = now();
    const elapsed = Math.max(0, at - c.lastTickAt);
    c.lastTickAt = at;
    const { running, speed } = c.engine.state();
    let steps = 0;
    if (running) {
      c.budgetMs = Math.min(c.budgetMs + elapsed * speed, MAX_STEPS_PER_TICK * TICK_MS);
      steps = Math.floor(c.budgetMs / TICK_MS);
      c.budgetMs -= steps * TICK_MS;
    } else {
      c.budgetMs = 0;
    }
    // advance(0) still stores anything a failed write left pending.
    await c.engine.advance(steps);
    // Deliveries run in the background; finish them (and due retries) before the container freezes.
    c.webhooks.tick();
    await c.webhooks.drain();
    const result = { running, steps, virtualTime: c.engine.now() };
    c.logger.info(result, 'tick');
    return result;
  };

  /** HTTP API (payload 2.0) events go to the app; the schedule's event runs a tick. */
  const handler = async (event: LambdaEvent | typeof TICK_EVENT, context?: LambdaContext) => {
    if (isTickEvent(event)) return tick();
    const c = await ready();
    return c.http(event, context);
  };

  /** Stores what is pending and closes the store (tests; Lambda just freezes the container). */
  const close = async (): Promise<void> => {
    if (!container) return;
    const c = await container;
    container = null;
    await c.engine.close();
    await c.stopWebhooks();
    await c.repo.close();
  };

  return { handler, tick, close };
}

const lambda = createLambda();

/** The function's handler (`lambda.handler`): HTTP API requests and the schedule. */
export const handler = lambda.handler;
/** One simulator tick; the schedule reaches it through `handler`. */
export const tick = lambda.tick;
