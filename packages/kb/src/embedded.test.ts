import { readdirSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { incident } from './contract-fixtures.ts';
import { createDynamoRepository } from './dynamo.ts';
import { startEmbeddedStore } from './embedded.ts';
import { ensureTable } from './table.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watchfloor-kb-compact-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const du = (path: string): number =>
  readdirSync(path, { withFileTypes: true }).reduce(
    (n, e) => n + (e.isDirectory() ? du(join(path, e.name)) : statSync(join(path, e.name)).size),
    0,
  );

it('compacts away the versions an often rewritten and queried item leaves behind, keeping the live one', async () => {
  const store = await startEmbeddedStore({ dataDir: dir });
  const client = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  await ensureTable(client, 'compacted');
  const repo = createDynamoRepository({ client, tableName: 'compacted', kind: 'embedded' });
  const narrative = 'x'.repeat(4000);
  for (let round = 0; round < 40; round++) {
    await repo.write({
      incidents: Array.from({ length: 40 }, (_, i) =>
        incident(i + 1, { narrative, title: `r${round}` }),
      ),
    });
    // A query that stops at its limit: dynalite leaves its LevelDB iterator open, which
    // would pin every file written so far past any compaction.
    await repo.listIncidents({ limit: 1 });
  }
  const before = du(dir);
  await store.compact();
  const after = du(dir);
  // 40 live incidents of ~5 KB against 1,600 written.
  expect(after).toBeLessThan(before / 3);
  const page = await repo.listIncidents({ limit: 100 });
  expect(page.items.map((i) => i.title)).toEqual(Array(40).fill('r39'));
  client.destroy();
  await store.close();
});
