import { Engine } from '@watchfloor/engine';
import { createMemoryRepository, type Repository } from '@watchfloor/kb';
import { type FetchLike, toKnowledgeItems, WebhookDispatcher } from '@watchfloor/webhooks';
import pino, { type Logger } from 'pino';
import { createApp } from '../src/app.ts';
import { ReplayCache } from '../src/replay.ts';
import { createTelemetry, type Telemetry } from '../src/telemetry.ts';
import type { AuthConfig } from '../src/types.ts';
import { publishEngineEvents } from '../src/webhook-events.ts';

export const OPERATOR = 'operator-token-for-tests-0001';
export const VIEWER = 'viewer-token-for-tests-00001';
export const START = new Date('2026-01-05T09:00:00.000Z');

export interface Harness {
  app: ReturnType<typeof createApp>;
  engine: Engine;
  repo: Repository;
  /** Outbound webhooks: no network, every receiver host resolves to a public address. */
  webhooks: WebhookDispatcher;
  /** What the webhook receiver was sent, oldest first (the default receiver answers 204). */
  sent: { url: string; init: RequestInit }[];
  logger: Logger;
  telemetry: Telemetry;
  auth: AuthConfig;
  /** Present when the harness was asked for it. */
  replay: ReplayCache | undefined;
  /** Calls the app like a client would; `as` picks the token. */
  call(
    method: string,
    path: string,
    options?: {
      body?: unknown;
      raw?: string;
      as?: 'operator' | 'viewer' | 'none';
      headers?: Record<string, string>;
    },
  ): Promise<Response>;
}

/** The real app on the memory store (pure logic under test; integration tests use dynalite). */
export async function harness(
  options: {
    seed?: number;
    viewer?: boolean;
    faultGeneration?: boolean;
    /** Estate size (the simulator's default, 36, when left out). */
    services?: number;
    /** Answers webhook deliveries; default 204. */
    receiver?: FetchLike;
    /** Remember cached reads for the node server's replay (see replay.test.ts). */
    replay?: boolean;
    logger?: Logger;
    /** A store of the test's own (e.g. the embedded dynalite one); memory when left out. */
    repo?: Repository;
  } = {},
): Promise<Harness> {
  const repo = options.repo ?? createMemoryRepository();
  const sent: Harness['sent'] = [];
  const receiver = options.receiver ?? (async () => new Response(null, { status: 204 }));
  const webhooks = new WebhookDispatcher({
    store: { save: (change) => repo.write({ knowledge: toKnowledgeItems(change) }) },
    fetch: (url, init) => {
      sent.push({ url, init });
      return receiver(url, init);
    },
    lookup: async () => [{ address: '93.184.215.14', family: 4 }],
    onError: () => {},
  });
  const engine = new Engine({
    repo,
    seed: options.seed ?? 42,
    start: START,
    clock: { now: () => 0 },
    simulator: {
      faultGeneration: options.faultGeneration ?? true,
      ...(options.services ? { services: options.services } : {}),
    },
    onEvent: publishEngineEvents(webhooks, () => {}),
  });
  await engine.init();
  const logger = options.logger ?? pino({ level: 'silent' });
  const telemetry = createTelemetry();
  const auth = { operatorToken: OPERATOR, viewerToken: options.viewer ? VIEWER : undefined };
  const replay = options.replay ? new ReplayCache(() => engine.writeVersion) : undefined;
  const app = createApp({
    engine,
    repo,
    logger,
    telemetry,
    version: 'test',
    startedAt: 0,
    auth,
    webhooks,
    replay,
  });
  const call: Harness['call'] = async (method, path, opts = {}) => {
    const headers: Record<string, string> = { ...opts.headers };
    const as = opts.as ?? 'operator';
    if (as === 'operator') headers.authorization = `Bearer ${OPERATOR}`;
    if (as === 'viewer') headers.authorization = `Bearer ${VIEWER}`;
    let body: string | undefined = opts.raw;
    if (opts.body !== undefined) body = JSON.stringify(opts.body);
    if (body !== undefined) headers['content-type'] ??= 'application/json';
    return await app.request(path, { method, headers, body });
  };
  return { app, engine, repo, webhooks, sent, call, logger, telemetry, auth, replay };
}

export const firingAlert = (
  alertname: string,
  service: string,
  extra: Record<string, string> = {},
) => ({
  labels: { alertname, service, severity: 'critical', ...extra },
  annotations: { summary: `${alertname} on ${service}` },
  status: 'firing' as const,
});

/** A response body as loose JSON, for assertions on shapes the test checks itself. */
// biome-ignore lint/suspicious/noExplicitAny: tests probe arbitrary JSON
export const json = async (res: Response | Promise<Response>): Promise<any> => (await res).json();
