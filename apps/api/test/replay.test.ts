import { request } from 'node:http';
import { Writable } from 'node:stream';
import { gunzipSync } from 'node:zlib';
import pino from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { EncodedJson } from '../src/cached-json.ts';
import { serveNode } from '../src/node-server.ts';
import { ReplayCache } from '../src/replay.ts';
import { firingAlert, type Harness, harness, OPERATOR, VIEWER } from './harness.ts';

interface Raw {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** A real HTTP GET, bytes as sent (no decompression), headers as node parsed them. */
const get = (base: string, path: string, headers: Record<string, string> = {}): Promise<Raw> =>
  new Promise((resolve, reject) => {
    request(`${base}${path}`, { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      );
    })
      .on('error', reject)
      .end();
  });

/** Headers that differ per answer by design: the date and the request id. */
const comparable = (raw: Raw) => {
  const { date: _date, 'x-request-id': _id, ...rest } = raw.headers;
  // Hono's node adapter labels an empty 304 text/plain; the replay sends no body type for no body.
  if (raw.status === 304) delete rest['content-type'];
  return rest;
};

const servers: { close(): void }[] = [];
afterEach(() => {
  for (const server of servers.splice(0)) server.close();
});

/** The app on a real node server with the replay in front, as `main.ts` runs it. */
async function serving(h: Harness): Promise<string> {
  const replay = h.replay;
  if (!replay) throw new Error('harness without replay');
  return new Promise((resolve) => {
    const server = serveNode(
      h.app,
      {
        hostname: '127.0.0.1',
        port: 0,
        replay: { replay, auth: h.auth, logger: h.logger, telemetry: h.telemetry },
      },
      (info) => resolve(`http://127.0.0.1:${info.port}`),
    );
    servers.push(server);
  });
}

async function seeded(options: Parameters<typeof harness>[0] = {}) {
  const h = await harness({ faultGeneration: false, replay: true, ...options });
  const services = h.engine.topology.services.map((s) => String(s.id));
  const res = await h.call('POST', '/api/alerts', {
    body: services.slice(0, 30).map((s, i) => firingAlert(`Seed${i}`, s)),
  });
  expect(res.status).toBe(201);
  return { h, base: await serving(h), services };
}

const OPERATOR_GZIP = { authorization: `Bearer ${OPERATOR}`, 'accept-encoding': 'gzip, br' };

/** Cached reads across the route modules that use them. */
const CACHED = [
  '/api/incidents?limit=50',
  '/api/incidents?status=open&limit=5',
  '/api/alerts?limit=20',
  '/api/audit?limit=20',
  '/api/logs?limit=20',
  '/api/metrics',
  '/api/topology',
  '/api/topology/services?limit=10',
  '/api/forecasts?limit=10',
  '/api/simulation/faults',
];

describe('replayed cached reads', () => {
  it('answer a repeated read with the bytes and headers Hono sent, without Hono', async () => {
    const { h, base } = await seeded();
    const replay = h.replay as ReplayCache;
    for (const path of CACHED) {
      for (const headers of [OPERATOR_GZIP, { authorization: `Bearer ${OPERATOR}` }]) {
        const before = replay.replayed;
        // A client's own request id always goes through Hono (it is echoed): the reference.
        const viaHono = await get(base, path, { ...headers, 'x-request-id': 'reference' });
        expect(replay.replayed, `${path} answered by Hono`).toBe(before);
        const replayed = await get(base, path, headers);
        expect(replay.replayed, `${path} replayed`).toBe(before + 1);
        expect(viaHono.status).toBe(200);
        expect(replayed.status).toBe(200);
        expect(replayed.body.equals(viaHono.body), path).toBe(true);
        expect(comparable(replayed), path).toEqual(comparable(viaHono));
        expect(replayed.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
      }
    }
    // Big enough answers go gzipped on both paths, and the bytes decode to the JSON.
    const list = await get(base, '/api/incidents?limit=50', OPERATOR_GZIP);
    expect(list.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(list.body).toString()).items).toHaveLength(30);
  });

  it('answer 304 to a client that holds the current version, as Hono does', async () => {
    const { h, base } = await seeded();
    const path = '/api/incidents?limit=50';
    const { headers } = await get(base, path, OPERATOR_GZIP);
    const etag = String(headers.etag);
    const replayedBefore = (h.replay as ReplayCache).replayed;
    const fresh = await get(base, path, { ...OPERATOR_GZIP, 'if-none-match': etag });
    expect(fresh.status).toBe(304);
    expect(fresh.body.length).toBe(0);
    expect((h.replay as ReplayCache).replayed).toBe(replayedBefore + 1);
    // Hono's own 304 (a different URL spelling is not replayed yet) carries the same headers.
    const viaHono = await get(base, `${path}&`, { ...OPERATOR_GZIP, 'if-none-match': etag });
    expect(viaHono.status).toBe(304);
    expect(comparable(viaHono)).toEqual(comparable(fresh));
  });

  it('stop after any store write: the next read goes to Hono and sees the change', async () => {
    const { h, base, services } = await seeded();
    const replay = h.replay as ReplayCache;
    const path = '/api/incidents?limit=50';
    await get(base, path, OPERATOR_GZIP);
    await get(base, path, OPERATOR_GZIP);
    const replayed = replay.replayed;
    const write = await h.call('POST', '/api/alerts', {
      body: firingAlert('AfterWrite', String(services[31])),
    });
    expect(write.status).toBe(201);
    const after = await get(base, path, OPERATOR_GZIP);
    expect(replay.replayed).toBe(replayed);
    expect(JSON.parse(gunzipSync(after.body).toString()).items).toHaveLength(31);
  });

  it('refuse nothing Hono would refuse: bad tokens and missing viewer tokens reach auth', async () => {
    const { h, base } = await seeded({ viewer: true });
    const replay = h.replay as ReplayCache;
    const path = '/api/incidents?limit=50';
    const viewer = { authorization: `Bearer ${VIEWER}` };
    await get(base, path, viewer);
    expect((await get(base, path, viewer)).status).toBe(200);
    const replayed = replay.replayed;
    expect(replayed).toBeGreaterThan(0);
    const anonymous = await get(base, path);
    expect(anonymous.status).toBe(401);
    expect(JSON.parse(anonymous.body.toString()).error.message).toMatch(/viewer or operator/);
    const forged = await get(base, path, { authorization: 'Bearer not-a-real-token' });
    expect(forged.status).toBe(401);
    expect(JSON.parse(forged.body.toString()).error.message).toMatch(/not valid/);
    expect(replay.replayed).toBe(replayed);
  });

  it('refuse a bad token even where anonymous reads are open and replayed', async () => {
    const { h, base } = await seeded();
    const path = '/api/incidents?limit=50';
    await get(base, path);
    expect((await get(base, path)).status).toBe(200);
    const replayed = (h.replay as ReplayCache).replayed;
    expect(replayed).toBe(1);
    const forged = await get(base, path, { authorization: 'Bearer not-a-real-token' });
    expect(forged.status).toBe(401);
    expect((h.replay as ReplayCache).replayed).toBe(replayed);
  });

  it('leave CORS, client request ids and other methods to Hono', async () => {
    const { h, base } = await seeded();
    const replay = h.replay as ReplayCache;
    const path = '/api/incidents?limit=50';
    await get(base, path, OPERATOR_GZIP);
    const replayed = replay.replayed;
    const echoed = await get(base, path, { ...OPERATOR_GZIP, 'x-request-id': 'client-id-1' });
    expect(echoed.headers['x-request-id']).toBe('client-id-1');
    const crossOrigin = await get(base, path, { ...OPERATOR_GZIP, origin: 'https://evil.test' });
    expect(crossOrigin.headers['access-control-allow-origin']).toBeUndefined();
    expect(replay.replayed).toBe(replayed);
  });

  it('log and count each replayed answer like any other request', async () => {
    const lines: { reqId?: string; path?: string; status?: number; msg?: string }[] = [];
    const sink = new Writable({
      write(chunk, _encoding, done) {
        lines.push(JSON.parse(String(chunk)));
        done();
      },
    });
    const { h, base } = await seeded({ logger: pino({ level: 'info' }, sink) });
    const path = '/api/incidents?limit=50';
    await get(base, path, OPERATOR_GZIP);
    const again = await get(base, path, OPERATOR_GZIP);
    expect((h.replay as ReplayCache).replayed).toBe(1);
    const line = lines.find((l) => l.reqId === again.headers['x-request-id']);
    expect(line).toMatchObject({ msg: 'request', path: '/api/incidents', status: 200 });
    const metrics = await h.telemetry.registry.getSingleMetricAsString(
      'watchfloor_http_requests_total',
    );
    expect(metrics).toMatch(/method="GET",route="\/api\/incidents\/?",status="200"} 2/);
  });
});

describe('ReplayCache', () => {
  const answer = (n: number) => ({ encoded: new EncodedJson({ n }), path: '/p', route: '/p' });

  it('keeps only answers loaded at the current write version, and forgets them on a write', () => {
    let version = 1;
    const cache = new ReplayCache(() => version, 2);
    cache.remember('operator', '/a', 0, answer(0));
    expect(cache.find('operator', '/a')).toBeUndefined();
    cache.remember('operator', '/a', 1, answer(1));
    expect(cache.find('operator', '/a')?.encoded.body.toString()).toBe('{"n":1}');
    expect(cache.find('viewer', '/a')).toBeUndefined();
    version = 2;
    expect(cache.find('operator', '/a')).toBeUndefined();
  });

  it('holds at most its capacity, least recently remembered out', () => {
    const cache = new ReplayCache(() => 1, 2);
    for (const url of ['/a', '/b', '/c']) cache.remember('anonymous', url, 1, answer(0));
    expect(cache.find('anonymous', '/a')).toBeUndefined();
    expect(cache.find('anonymous', '/c')).toBeDefined();
  });
});
