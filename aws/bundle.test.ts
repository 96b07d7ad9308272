import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { type EmbeddedStore, startEmbeddedStore } from '@watchfloor/kb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLambda } from './build.mjs';
import { parseTemplate } from './cfn-yaml.ts';

const run = promisify(execFile);
const OPERATOR = 'operator-token-for-bundle-test';

/** Runs the built bundle in a plain node process, as the Lambda runtime would, one event each. */
const INVOKE = `
const [bundle, events] = [process.argv[1], JSON.parse(process.argv[2])];
const { handler } = await import(bundle);
const out = [];
for (const event of events) out.push(await handler(event, {}));
process.stdout.write(JSON.stringify(out));
process.exit(0);
`;

const httpApiEvent = (method: string, path: string, headers: Record<string, string> = {}) => ({
  version: '2.0',
  routeKey: '$default',
  rawPath: path,
  rawQueryString: '',
  headers: { host: 'abc123.execute-api.eu-west-1.amazonaws.com', ...headers },
  body: null,
  isBase64Encoded: false,
  requestContext: {
    accountId: '123456789012',
    apiId: 'abc123',
    domainName: 'abc123.execute-api.eu-west-1.amazonaws.com',
    domainPrefix: 'abc123',
    http: { method, path, protocol: 'HTTP/1.1', sourceIp: '203.0.113.9', userAgent: 'node' },
    requestId: 'bundle-test',
    routeKey: '$default',
    stage: '$default',
    time: '23/Nov/2026:10:00:00 +0000',
    timeEpoch: 0,
  },
});

describe('the Lambda bundle (aws/build.mjs)', () => {
  let dir: string;
  let store: EmbeddedStore;
  let built: Awaited<ReturnType<typeof buildLambda>>;
  let code: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'watchfloor-bundle-'));
    built = await buildLambda(join(dir, 'dist'));
    code = await readFile(join(built.outdir, 'lambda.mjs'), 'utf8');
    store = await startEmbeddedStore({ dataDir: join(dir, 'store') });
  });

  afterAll(async () => {
    await store?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('holds nothing of the embedded store and imports only Node built-ins', () => {
    const imported = [...code.matchAll(/\bfrom\s*"([^"]+)"|\bimport\s*\(\s*"([^"]+)"\)/g)].map(
      (m) => m[1] ?? m[2] ?? '',
    );

    expect(code).not.toMatch(/dynalite|classic-level|leveldown|WATCHFLOOR_EMBEDDED_STORE_STUB/);
    // lambda.ts opens DynamoDB through @watchfloor/kb/dynamodb, so the embedded store is not even an input.
    expect(built.inputs.some((input) => input.includes('kb/src/embedded.ts'))).toBe(false);
    for (const specifier of imported.filter((s) => /^[a-z@]/.test(s) && !s.includes('${'))) {
      expect(specifier).toMatch(/^(node:)?[a-z_]+(\/[a-z_]+)?$/);
    }
  });

  it('answers an HTTP API health check and the schedule event of the template from plain node', async () => {
    const template = parseTemplate(
      await readFile(join(import.meta.dirname, 'template.yaml'), 'utf8'),
    );
    const input = [
      'Resources',
      'WatchfloorFunction',
      'Properties',
      'Events',
      'Tick',
      'Properties',
    ].reduce<unknown>(
      (node, key) => (typeof node === 'object' && node ? Reflect.get(node, key) : undefined),
      template,
    );
    const scheduled: unknown = JSON.parse(String(Reflect.get(Object(input), 'Input')));
    const events = [
      httpApiEvent('GET', '/api/health'),
      httpApiEvent('POST', '/api/kill-switch'),
      scheduled,
    ];

    const started = performance.now();
    const { stdout } = await run(
      process.execPath,
      [
        '--input-type=module',
        '-e',
        INVOKE,
        join(built.outdir, 'lambda.mjs'),
        JSON.stringify(events),
      ],
      {
        cwd: built.outdir,
        env: {
          PATH: process.env.PATH,
          AWS_REGION: 'us-east-1',
          AWS_ACCESS_KEY_ID: 'watchfloor',
          AWS_SECRET_ACCESS_KEY: 'watchfloor',
          WATCHFLOOR_STORE: 'dynamodb',
          DYNAMODB_ENDPOINT: store.endpoint,
          WATCHFLOOR_TABLE: 'watchfloor',
          WATCHFLOOR_OPERATOR_TOKEN: OPERATOR,
          WATCHFLOOR_SEED: '11',
          WATCHFLOOR_LOG_LEVEL: 'silent',
          WATCHFLOOR_DATA_DIR: join(dir, 'tmp'),
        },
      },
    );
    const [health, unauthorized, tick] = JSON.parse(stdout);

    expect(health.statusCode).toBe(200);
    expect(health.headers['content-type']).toMatch(/application\/json/);
    expect(JSON.parse(health.body)).toMatchObject({ status: 'ok', store: 'dynamodb' });
    expect(unauthorized.statusCode).toBe(401);
    expect(tick).toMatchObject({ running: true, virtualTime: expect.any(String) });
    expect(performance.now() - started).toBeLessThan(30_000);
  });
});
