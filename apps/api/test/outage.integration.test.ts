import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Engine } from '@watchfloor/engine';
import { createDynamoRepository, ensureTable, startEmbeddedStore } from '@watchfloor/kb';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/app.ts';
import { firingAlert, json, OPERATOR, START } from './harness.ts';

describe('a knowledge-base outage', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('answers 503 with a reason, pauses the engine without losing state, and recovers by itself', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-outage-'));
    dirs.push(dataDir);
    let store = await startEmbeddedStore({ dataDir });
    const port = Number(new URL(store.endpoint).port);
    const client = new DynamoDBClient({
      endpoint: store.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      maxAttempts: 1,
      requestHandler: { connectionTimeout: 500, requestTimeout: 2_000 },
    });
    await ensureTable(client, 'watchfloor');
    const repo = createDynamoRepository({ client, tableName: 'watchfloor', kind: 'embedded' });
    const engine = new Engine({ repo, seed: 8, start: START, clock: { now: () => 0 } });
    await engine.init();
    const app = createApp({
      engine,
      repo,
      logger: pino({ level: 'silent' }),
      version: 't',
      startedAt: 0,
      auth: { operatorToken: OPERATOR },
    });
    const call = (method: string, path: string, body?: unknown) =>
      app.request(path, {
        method,
        headers: { authorization: `Bearer ${OPERATOR}`, 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });

    await engine.advance(30);
    const service = String(engine.topology.services[0]?.id);
    const posted = await call('POST', '/api/alerts', firingAlert('OutageProbe', service));
    expect(posted.status).toBe(201);
    const incidentId = (await json(posted)).items[0].incidentId as string;
    const ticksBefore = engine.state().ticks;

    await store.close();

    const list = await call('GET', '/api/incidents');

    expect(list.status).toBe(503);
    expect((await json(list)).error.code).toBe('store_unavailable');
    const health = await call('GET', '/api/health');
    expect(health.status).toBe(503);
    expect(await json(health)).toMatchObject({ storeOk: false, status: 'degraded' });
    const ack = await call('POST', `/api/incidents/${incidentId}/ack`);
    expect(ack.status).toBe(503);
    expect((await json(ack)).error.message).toMatch(/unreachable/i);
    await expect(engine.advance(12)).rejects.toMatchObject({ code: 'store_unavailable' });
    expect(engine.state().storeAvailable).toBe(false);
    expect(engine.state().ticks).toBe(ticksBefore);

    store = await startEmbeddedStore({ dataDir, port });
    try {
      await engine.advance(12);
      expect(engine.state().storeAvailable).toBe(true);
      expect(engine.state().ticks).toBe(ticksBefore + 12);
      expect((await call('GET', '/api/incidents')).status).toBe(200);
      expect((await call('GET', `/api/incidents/${incidentId}`)).status).toBe(200);
      // The acknowledgement that met the outage mid-write was kept and stored on recovery.
      expect((await repo.getIncident(incidentId))?.status).toBe('acknowledged');
      expect((await call('POST', `/api/incidents/${incidentId}/ack`)).status).toBe(409);
      const resolved = await call('POST', `/api/incidents/${incidentId}/resolve`);
      expect(resolved.status).toBe(200);
      expect((await repo.getIncident(incidentId))?.status).toBe('resolved');
    } finally {
      client.destroy();
      await store.close();
    }
  });
});
