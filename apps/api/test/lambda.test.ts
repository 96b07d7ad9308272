import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EmbeddedStore, startEmbeddedStore } from '@watchfloor/kb';
import type { LambdaEvent } from 'hono/aws-lambda';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLambda, MAX_STEPS_PER_TICK, TICK_EVENT } from '../src/lambda.ts';
import { OPERATOR } from './harness.ts';

/** What API Gateway's HTTP API sends a Lambda proxy integration (payload format 2.0). */
function httpApiEvent(
  method: string,
  path: string,
  options: { headers?: Record<string, string>; body?: unknown; query?: string } = {},
): LambdaEvent {
  const body = options.body === undefined ? null : JSON.stringify(options.body);
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: options.query ?? '',
    headers: {
      host: 'abc123.execute-api.eu-west-1.amazonaws.com',
      'user-agent': 'vitest',
      'x-forwarded-for': '203.0.113.9',
      'x-forwarded-proto': 'https',
      ...(body === null ? {} : { 'content-type': 'application/json' }),
      ...options.headers,
    },
    body,
    isBase64Encoded: false,
    requestContext: {
      accountId: '123456789012',
      apiId: 'abc123',
      authentication: null,
      authorizer: {},
      domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
      domainPrefix: 'abc123',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'vitest' },
      requestId: `req-${method}-${path}`,
      routeKey: '$default',
      stage: '$default',
      time: '23/Nov/2026:10:00:00 +0000',
      timeEpoch: 1_795_428_000_000,
    },
  };
}

/** The HTTP part of a handler's answer (ticks answer with their own shape). */
function httpResult(result: unknown): { statusCode: number; body: string; headers: unknown } {
  if (
    typeof result === 'object' &&
    result !== null &&
    'statusCode' in result &&
    typeof result.statusCode === 'number' &&
    'body' in result &&
    typeof result.body === 'string'
  ) {
    return {
      statusCode: result.statusCode,
      body: result.body,
      headers: Reflect.get(result, 'headers'),
    };
  }
  throw new Error(`not an HTTP API result: ${JSON.stringify(result)}`);
}

describe('the Lambda entry on the DynamoDB adapter (against dynalite)', () => {
  let store: EmbeddedStore;
  let dataDir: string;
  let tables = 0;
  const lambdas: ReturnType<typeof createLambda>[] = [];

  /** A container of its own (own table), as AWS would boot it with the template's variables. */
  const container = (extra: Record<string, string> = {}, now?: () => number) => {
    const lambda = createLambda({
      env: {
        WATCHFLOOR_STORE: 'dynamodb',
        DYNAMODB_ENDPOINT: store.endpoint,
        AWS_REGION: 'us-east-1',
        WATCHFLOOR_TABLE: `watchfloor-lambda-${++tables}`,
        WATCHFLOOR_OPERATOR_TOKEN: OPERATOR,
        WATCHFLOOR_SEED: '7',
        WATCHFLOOR_LOG_LEVEL: 'silent',
        ...extra,
      },
      webRoot: join(dataDir, 'no-web-build'),
      ...(now ? { now } : {}),
    });
    lambdas.push(lambda);
    return lambda;
  };

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-lambda-'));
    store = await startEmbeddedStore({ dataDir });
    // The SDK's default credential chain reads these; dynalite checks a signature is present.
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'watchfloor');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'watchfloor');
  });

  afterAll(async () => {
    for (const lambda of lambdas) await lambda.close();
    vi.unstubAllEnvs();
    await store.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers GET /api/health from an HTTP API event with 200 and a JSON body', async () => {
    const { handler } = container();

    const result = httpResult(await handler(httpApiEvent('GET', '/api/health')));

    expect(result.statusCode).toBe(200);
    const body = JSON.parse(result.body);
    expect(body).toMatchObject({ status: 'ok', storeOk: true, store: 'dynamodb' });
    expect(body.simulation.running).toBe(true);
  });

  it('refuses POST /api/kill-switch without a token with 401 and the error shape', async () => {
    const { handler } = container();

    const result = httpResult(
      await handler(
        httpApiEvent('POST', '/api/kill-switch', { body: { engaged: true, reason: 'x' } }),
      ),
    );

    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).error.code).toBe('unauthorized');
  });

  it('keeps one engine per container, so a change is seen by the next request', async () => {
    const { handler } = container();
    const auth = { authorization: `Bearer ${OPERATOR}` };

    const engaged = httpResult(
      await handler(
        httpApiEvent('POST', '/api/kill-switch', {
          headers: auth,
          body: { engaged: true, reason: 'lambda test' },
        }),
      ),
    );
    const read = httpResult(await handler(httpApiEvent('GET', '/api/kill-switch')));

    expect(engaged.statusCode).toBe(200);
    expect(JSON.parse(read.body)).toMatchObject({ engaged: true, reason: 'lambda test' });
  });

  it('advances the simulation on the schedule by the wall time elapsed times the speed', async () => {
    let wall = 1_000_000;
    const { handler } = container({ WATCHFLOOR_SPEED: '2' }, () => wall);
    const before = JSON.parse(
      httpResult(await handler(httpApiEvent('GET', '/api/simulation'))).body,
    );

    wall += 60_000;
    const tick = await handler(TICK_EVENT);

    expect(tick).toMatchObject({ running: true, steps: 12 });
    const after = JSON.parse(
      httpResult(await handler(httpApiEvent('GET', '/api/simulation'))).body,
    );
    expect(Date.parse(after.virtualTime) - Date.parse(before.virtualTime)).toBe(120_000);
    expect(after.ticks - before.ticks).toBe(12);
  });

  it('does not tick a stopped simulation, and bounds the work of one tick', async () => {
    let wall = 0;
    const lambda = container(
      { WATCHFLOOR_AUTOSTART: 'false', WATCHFLOOR_SPEED: '3600' },
      () => wall,
    );

    wall += 60_000;
    expect(await lambda.tick()).toMatchObject({ running: false, steps: 0 });
    const started = httpResult(
      await lambda.handler(
        httpApiEvent('POST', '/api/simulation/start', {
          headers: { authorization: `Bearer ${OPERATOR}` },
        }),
      ),
    );
    wall += 60_000;
    const bounded = await lambda.tick();

    expect(started.statusCode).toBe(200);
    expect(bounded).toMatchObject({ running: true, steps: MAX_STEPS_PER_TICK });
  });

  it('refuses to boot without an operator token or on another store, naming the variable', async () => {
    const noToken = container({ WATCHFLOOR_OPERATOR_TOKEN: '' });
    const embedded = container({ WATCHFLOOR_STORE: 'embedded' });

    await expect(noToken.handler(httpApiEvent('GET', '/api/health'))).rejects.toThrow(
      /WATCHFLOOR_OPERATOR_TOKEN/,
    );
    await expect(embedded.handler(httpApiEvent('GET', '/api/health'))).rejects.toThrow(
      /WATCHFLOOR_STORE=embedded is not supported on Lambda/,
    );
  });
});
