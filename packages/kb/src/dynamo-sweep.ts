import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { getRows } from './dynamo-index.ts';
import { newestRow } from './dynamo-query.ts';
import type { Row, TableRef } from './dynamo-table.ts';
import { deleteRows } from './dynamo-write.ts';
import { EXPIRY_INDEX, EXPIRY_SHARDS } from './indexes.ts';
import { isLive } from './retention.ts';
import { ID_PARTITIONS } from './sweep-rules.ts';

/** Keys of up to `max` items expired at `nowSec`, from the expiry index (never a Scan). */
const expiredKeys = async (table: TableRef, nowSec: number, max: number): Promise<Row[]> => {
  const keys: Row[] = [];
  for (let shard = 0; shard < EXPIRY_SHARDS && keys.length < max; shard++) {
    let startKey: Row | undefined;
    do {
      const out = await table.doc.send(
        new QueryCommand({
          TableName: table.tableName,
          IndexName: EXPIRY_INDEX.name,
          KeyConditionExpression: '#h = :h AND #at <= :now',
          ExpressionAttributeNames: {
            '#h': EXPIRY_INDEX.hash,
            '#at': EXPIRY_INDEX.range,
            '#pk': 'pk',
            '#sk': 'sk',
          },
          ExpressionAttributeValues: { ':h': `EXPIRY#${shard}`, ':now': nowSec },
          ProjectionExpression: '#pk, #sk',
          ExclusiveStartKey: startKey,
          Limit: Math.min(max - keys.length, 1000),
        }),
      );
      keys.push(...(out.Items ?? []));
      startKey = out.LastEvaluatedKey;
    } while (startKey && keys.length < max);
  }
  return keys;
};

/**
 * Deletes up to `max` items expired at `nowSec`. An index entry may lag a rewrite that
 * reopened its item (AWS), so each candidate is read again, consistently, and only still
 * expired ones go; the engine is the one writer and sweeps between its own writes, so
 * nothing reopens an item between that read and the delete.
 */
export const sweepExpired = async (
  table: TableRef,
  nowSec: number,
  max: number,
): Promise<number> => {
  const keys = await expiredKeys(table, nowSec, max);
  if (keys.length === 0) return 0;
  const newest = new Map<string, string>();
  for (const pk of ID_PARTITIONS) {
    const row = await newestRow(table, pk);
    if (row) newest.set(pk, String(row.sk));
  }
  const byPk = new Map<string, string[]>();
  for (const key of keys) {
    const pk = String(key.pk);
    const sk = String(key.sk);
    if (newest.get(pk) === sk) continue;
    byPk.set(pk, [...(byPk.get(pk) ?? []), sk]);
  }
  let deleted = 0;
  for (const [pk, sks] of byPk) {
    const rows = await getRows(table, pk, sks);
    const doomed = sks.filter((sk) => {
      const row = rows.get(sk);
      return row !== undefined && !isLive(row, nowSec);
    });
    await deleteRows(table, pk, doomed);
    deleted += doomed.length;
  }
  return deleted;
};
