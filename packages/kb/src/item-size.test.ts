import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { boundAlertIds } from '@watchfloor/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { incident } from './contract-fixtures.ts';
import { createDynamoRepository } from './dynamo.ts';
import { putRawRows, toRow } from './dynamo-write.ts';
import { type EmbeddedStore, startEmbeddedStore } from './embedded.ts';
import { ItemTooLargeError, MAX_ITEM_BYTES } from './errors.ts';
import { planWrite, storedSizes } from './plan.ts';
import type { Repository } from './repository.ts';
import { ensureTable } from './table.ts';

let dir: string;
let store: EmbeddedStore;
let client: DynamoDBClient;
let repo: Repository;
const tableName = 'sizes';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watchfloor-kb-size-'));
  store = await startEmbeddedStore({ dataDir: dir });
  client = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await ensureTable(client, tableName);
  repo = createDynamoRepository({ client, tableName, kind: 'embedded' });
});

afterAll(async () => {
  client.destroy();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

/** An incident (lists, maps, numbers, nulls) padded to exactly `bytes` as the guard counts. */
const incidentOf = (bytes: number) => {
  const base = incident(7, {
    alertIds: Array.from({ length: 200 }, (_, i) => `ALT-${i}`),
    groupKey: '',
  });
  const size = storedSizes({ incidents: [base] }).get('INCIDENT INC-000007') ?? 0;
  // `groupKey` is stored once (not in the search text): one character, one byte.
  return { ...base, groupKey: 'g'.repeat(bytes - size) };
};

describe('the item size guard, against dynalite', () => {
  it('counts as DynamoDB does: dynalite takes an item at the limit and refuses one byte more', async () => {
    const atLimit = incidentOf(MAX_ITEM_BYTES);
    await repo.write({ incidents: [atLimit] });
    expect((await repo.getIncident(atLimit.id))?.groupKey).toBe(atLimit.groupKey);

    const [row] = planWrite({ incidents: [atLimit] }).items;
    if (!row) throw new Error('no row planned');
    const over = { ...row, body: { ...atLimit, groupKey: `${atLimit.groupKey}g` } };
    const doc = DynamoDBDocumentClient.from(client);
    await expect(putRawRows({ doc, tableName }, [toRow(over)])).rejects.toThrow(
      /Item size has exceeded/,
    );
  });

  it('refuses an over-size record before writing anything, naming it and its size', async () => {
    const tooBig = incidentOf(MAX_ITEM_BYTES + 1);
    const write = repo.write({ incidents: [incident(8), tooBig] });
    await expect(write).rejects.toThrow(ItemTooLargeError);
    await expect(write).rejects.toThrow(
      `INCIDENT INC-000007 would take ${MAX_ITEM_BYTES + 1} bytes stored`,
    );
    expect(await repo.getIncident('INC-000008')).toBeNull();
  });

  it('names a knowledge record by its namespace and key', () => {
    const value = 'x'.repeat(MAX_ITEM_BYTES);
    expect(() =>
      planWrite({ knowledge: [{ namespace: 'patches', key: 'PLAN-1', value }] }),
    ).toThrow('KNOWLEDGE#patches PLAN-1 would take');
  });
});

describe('incidents stored before alertCount, with every alert id', () => {
  it('read back counted from their ids, the ids bounded, by id and in lists', async () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => `ALT-${i}`);
    const { alertCount: _, ...old } = incident(9, { alertIds: ids });
    const [row] = planWrite({ incidents: [incident(9)] }).items;
    if (!row) throw new Error('no row planned');
    const doc = DynamoDBDocumentClient.from(client);
    await putRawRows({ doc, tableName }, [toRow({ ...row, body: old })]);

    const read = await repo.getIncident('INC-000009');
    expect(read?.alertCount).toBe(5_000);
    expect(read?.alertIds).toEqual(boundAlertIds(ids));
    const listed = await repo.listIncidents({ limit: 10 });
    expect(listed.items.find((i) => i.id === 'INC-000009')?.alertCount).toBe(5_000);
  });
});
