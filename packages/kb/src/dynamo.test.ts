import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { describeRepositoryContract } from './contract.ts';
import { alert, log } from './contract-fixtures.ts';
import { createDynamoRepository } from './dynamo.ts';
import { type EmbeddedStore, startEmbeddedStore } from './embedded.ts';
import { openRepository } from './open.ts';
import { ensureTable } from './table.ts';

const credentials = { accessKeyId: 'test', secretAccessKey: 'test' };

let dir: string;
let store: EmbeddedStore;
let client: DynamoDBClient;
let tables = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watchfloor-kb-'));
  store = await startEmbeddedStore({ dataDir: join(dir, 'shared') });
  client = new DynamoDBClient({ endpoint: store.endpoint, region: 'us-east-1', credentials });
});

afterAll(async () => {
  client.destroy();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

// One embedded dynalite for the contract, a fresh table per test keeps them independent.
describeRepositoryContract('dynamodb on embedded dynalite', async () => {
  const tableName = `contract-${++tables}`;
  await ensureTable(client, tableName);
  return createDynamoRepository({ client, tableName, kind: 'embedded' });
});

describe('openRepository and the embedded store', () => {
  it('creates its table once and finds it on the next open', async () => {
    const dataDir = join(dir, 'idempotent');
    const first = await openRepository({ store: 'embedded', dataDir });
    await first.write({ alerts: [alert(1)] });
    await first.close();
    const second = await openRepository({ store: 'embedded', dataDir });
    expect(second.kind).toBe('embedded');
    expect(await second.getAlert('ALT-000001')).toEqual(alert(1));
    await ensureTable(client, 'twice');
    await ensureTable(client, 'twice');
    await second.close();
  });

  it('keeps what was written after the store closes and opens again on the same directory', async () => {
    const dataDir = join(dir, 'persist', 'nested');
    const first = await openRepository({ store: 'embedded', dataDir, tableName: 'kept' });
    await first.write({
      alerts: [alert(5)],
      logs: [log(1), log(2), log(3)],
      killSwitch: {
        engaged: true,
        reason: 'drill',
        engagedAt: '2026-01-05T00:00:00.000Z',
        engagedBy: 'operator',
        releasedAt: null,
        releasedBy: null,
        haltedCount: 1,
        cancelledCount: 0,
        blockedCount: 3,
      },
      counters: { alertsReceived: 4 },
      knowledge: [{ namespace: 'n', key: 'k', value: { ok: true } }],
    });
    await first.close();

    const again = await openRepository({ store: 'embedded', dataDir, tableName: 'kept' });
    expect(await again.getAlert('ALT-000005')).toEqual(alert(5));
    expect((await again.getKillSwitch()).engaged).toBe(true);
    expect(await again.getCounters()).toEqual({ alertsReceived: 4 });
    expect(await again.getKnowledge('n', 'k')).toEqual({ ok: true });
    expect(await again.lastId('log')).toBe('LOG-000003');
    expect(await again.pruneLogs(1)).toBe(2);
    await again.close();
  });

  it('opens the dynamodb store on any DynamoDB-compatible endpoint with the standard credentials', async () => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'env-key');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'env-secret');
    try {
      const repo = await openRepository({
        store: 'dynamodb',
        dataDir: join(dir, 'unused'),
        endpoint: store.endpoint,
        region: 'eu-west-1',
        tableName: 'remote',
      });
      expect(repo.kind).toBe('dynamodb');
      await repo.write({ alerts: [alert(3)] });
      expect(await repo.getAlerts(['ALT-000003'])).toEqual([alert(3)]);
      await repo.close();
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('opens the memory store without touching the data directory', async () => {
    const repo = await openRepository({ store: 'memory', dataDir: join(dir, 'never') });
    expect(repo.kind).toBe('memory');
    await repo.close();
  });

  it('fails a ping once the store is unreachable', async () => {
    const dead = new DynamoDBClient({
      endpoint: 'http://127.0.0.1:9',
      region: 'us-east-1',
      credentials,
      maxAttempts: 1,
    });
    const repo = createDynamoRepository({ client: dead, tableName: 'any', kind: 'dynamodb' });
    await expect(repo.ping()).rejects.toThrow();
    dead.destroy();
  });

  it('fails a ping when the table does not exist', async () => {
    const repo = createDynamoRepository({ client, tableName: 'missing', kind: 'embedded' });
    await expect(repo.ping()).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });
});
