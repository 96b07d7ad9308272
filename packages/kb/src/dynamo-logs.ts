import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { countRows, getBodies, newestRow, oldestKeys } from './dynamo-query.ts';
import type { TableRef } from './dynamo-table.ts';
import { addToNumber, deleteRows } from './dynamo-write.ts';
import { assertKeep, LOG_COUNT_SK, PK } from './keys.ts';

/**
 * Log retention without counting the partition on every prune: a row `META/LOG_COUNT`
 * holds the number of log rows, kept exact by the writes and deletes here and recounted
 * now and then (TTL expiry on AWS deletes rows behind its back).
 */
const RECOUNT_EVERY_MS = 10 * 60 * 1000;

/** How many of these log sort keys are not stored yet (new ids sort above the newest). */
export const countNewLogs = async (table: TableRef, sks: string[]): Promise<number> => {
  if (sks.length === 0) return 0;
  const newest = await newestRow(table, PK.log);
  const newestSk = newest ? String(newest.sk) : '';
  const maybeOld = sks.filter((sk) => sk <= newestSk);
  if (maybeOld.length === 0) return sks.length;
  const existing = await getBodies(table, PK.log, maybeOld);
  return sks.length - existing.size;
};

export const addLogCount = (table: TableRef, delta: number): Promise<void> =>
  delta === 0 ? Promise.resolve() : addToNumber(table, PK.meta, LOG_COUNT_SK, delta);

const readLogCount = async (table: TableRef): Promise<{ n: number; checkedAt: number } | null> => {
  const out = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: PK.meta, sk: LOG_COUNT_SK },
      ConsistentRead: true,
    }),
  );
  const item = out.Item;
  if (!item) return null;
  return { n: Number(item.n ?? 0), checkedAt: Number(item.checkedAt ?? 0) };
};

const recount = async (table: TableRef): Promise<number> => {
  const n = await countRows(table, PK.log);
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: PK.meta, sk: LOG_COUNT_SK },
      UpdateExpression: 'SET #n = :n, #checkedAt = :now',
      ExpressionAttributeNames: { '#n': 'n', '#checkedAt': 'checkedAt' },
      ExpressionAttributeValues: { ':n': n, ':now': Date.now() },
    }),
  );
  return n;
};

export const pruneLogs = async (table: TableRef, keep: number): Promise<number> => {
  assertKeep(keep);
  const stored = await readLogCount(table);
  const stale = !stored || Date.now() - stored.checkedAt > RECOUNT_EVERY_MS;
  const count = stale ? await recount(table) : stored.n;
  if (count <= keep) return 0;

  const doomed = await oldestKeys(table, PK.log, count - keep);
  await deleteRows(table, PK.log, doomed);
  await addLogCount(table, -doomed.length);
  // Fewer rows than counted: the count drifted, so trust a fresh one from here on.
  if (doomed.length < count - keep) await recount(table);
  return doomed.length;
};
