import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alert, audit, incident, iso } from './contract-fixtures.ts';
import { createDynamoRepository } from './dynamo.ts';
import type { Row } from './dynamo-table.ts';
import { putRawRows } from './dynamo-write.ts';
import { type EmbeddedStore, startEmbeddedStore } from './embedded.ts';
import { incidentSearchText } from './plan.ts';
import { GLOBAL_SECONDARY_INDEXES } from './schema.ts';
import { ensureTable } from './table.ts';

let dir: string;
let store: EmbeddedStore;
let client: DynamoDBClient;
let doc: DynamoDBDocumentClient;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watchfloor-kb-table-'));
  store = await startEmbeddedStore({ dataDir: dir });
  client = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  doc = DynamoDBDocumentClient.from(client);
});

afterAll(async () => {
  client.destroy();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** A table as the store created it before it had indexes, with rows in that layout. */
const oldTable = async (name: string): Promise<number> => {
  await client.send(
    new CreateTableCommand({
      TableName: name,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'pk', AttributeType: 'S' },
        { AttributeName: 'sk', AttributeType: 'S' },
      ],
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
    }),
  );
  while (
    (await client.send(new DescribeTableCommand({ TableName: name }))).Table?.TableStatus !==
    'ACTIVE'
  ) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const sk = (n: number) => String(n).padStart(15, '0');
  const rows: Row[] = [
    ...Array.from({ length: 120 }, (_, i) => ({
      pk: 'ALERT',
      sk: sk(i + 1),
      body: alert(i + 1, { status: i % 40 === 0 ? 'firing' : 'resolved', endsAt: iso(i) }),
    })),
    ...Array.from({ length: 30 }, (_, i) => {
      const body = incident(i + 1, { services: i === 7 ? ['orders', 'users'] : ['checkout'] });
      return { pk: 'INCIDENT', sk: sk(i + 1), body, search: incidentSearchText(body) };
    }),
    ...Array.from({ length: 50 }, (_, i) => ({
      pk: 'AUDIT',
      sk: sk(i + 1),
      body: audit(i + 1, { target: i % 10 === 0 ? 'INC-000008' : 'simulation' }),
    })),
    { pk: 'COUNTERS', sk: 'alertsReceived', n: 120 },
    { pk: 'KILLSWITCH', sk: 'current', body: { engaged: true, reason: 'drill' } },
    { pk: 'KNOWLEDGE#policy', sk: 'sig', body: { namespace: 'policy', key: 'sig', value: 7 } },
  ];
  await putRawRows({ doc, tableName: name }, rows);
  return rows.length;
};

const tableNames = async () => (await client.send(new ListTablesCommand({}))).TableNames ?? [];

const expectMigrated = async (name: string) => {
  const described = await client.send(new DescribeTableCommand({ TableName: name }));
  expect((described.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort()).toEqual(
    GLOBAL_SECONDARY_INDEXES.map((i) => i.IndexName).sort(),
  );
  expect(await tableNames()).not.toContain(`${name}.rebuild`);
  const repo = createDynamoRepository({ client, tableName: name, kind: 'embedded' });
  expect((await repo.listAlerts({ limit: 500 })).items).toHaveLength(120);
  expect((await repo.listAlerts({ limit: 500, status: 'firing' })).items.map((a) => a.id)).toEqual([
    'ALT-000081',
    'ALT-000041',
    'ALT-000001',
  ]);
  expect(
    (await repo.listIncidents({ limit: 50, service: 'users' })).items.map((x) => x.id),
  ).toEqual(['INC-000008']);
  expect((await repo.listAudit({ limit: 50, target: 'INC-000008' })).items).toHaveLength(5);
  expect(await repo.getCounters()).toEqual({ alertsReceived: 120 });
  expect((await repo.getKillSwitch()).engaged).toBe(true);
  expect(await repo.getKnowledge('policy', 'sig')).toBe(7);
  // Expiry stamped on the way: resolved alerts end a week after they ended.
  repo.setClock(() => Date.parse(iso(8 * 86_400)));
  expect((await repo.listAlerts({ limit: 500 })).items).toHaveLength(3);
};

describe('ensureTable on a table from before the indexes', () => {
  it('leaves it as it is unless allowed to rebuild it, and lists still answer from partitions', async () => {
    await oldTable('kept');
    await ensureTable(client, 'kept');
    const described = await client.send(new DescribeTableCommand({ TableName: 'kept' }));
    expect(described.Table?.GlobalSecondaryIndexes).toBeUndefined();
    const repo = createDynamoRepository({ client, tableName: 'kept', kind: 'embedded' });
    expect((await repo.listAlerts({ limit: 500, status: 'firing' })).items).toHaveLength(3);
    expect((await repo.listIncidents({ limit: 50, service: 'users' })).items).toHaveLength(1);
  });

  it('rebuilds it with every index on dynalite (which cannot add one) and loses no item', async () => {
    await oldTable('old');
    await ensureTable(client, 'old', { rebuild: true });
    await expectMigrated('old');
    await ensureTable(client, 'old', { rebuild: true });
    await expectMigrated('old');
  });

  it('finishes a rebuild that stopped after its copy was complete and the original dropped', async () => {
    await oldTable('crashed');
    await ensureTable(client, 'crashed.rebuild');
    const { copyTable } = await import('./migrate.ts');
    const { DEFAULT_RETENTION } = await import('./retention.ts');
    await copyTable(
      { doc, tableName: 'crashed' },
      { doc, tableName: 'crashed.rebuild' },
      DEFAULT_RETENTION,
    );
    await doc.send(
      new UpdateCommand({
        TableName: 'crashed.rebuild',
        Key: { pk: 'META', sk: 'REBUILT' },
        UpdateExpression: 'SET #f = :f',
        ExpressionAttributeNames: { '#f': 'from' },
        ExpressionAttributeValues: { ':f': 'crashed' },
      }),
    );
    const { DeleteTableCommand } = await import('@aws-sdk/client-dynamodb');
    await client.send(new DeleteTableCommand({ TableName: 'crashed' }));
    while ((await tableNames()).includes('crashed')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await ensureTable(client, 'crashed', { rebuild: true });
    await expectMigrated('crashed');
  });

  it('drops a copy that stopped half way and rebuilds from the untouched original', async () => {
    await oldTable('half');
    await ensureTable(client, 'half.rebuild');
    await putRawRows({ doc, tableName: 'half.rebuild' }, [
      { pk: 'ALERT', sk: '000000000000999', body: alert(999) },
    ]);
    await ensureTable(client, 'half', { rebuild: true });
    await expectMigrated('half');
  });
});
