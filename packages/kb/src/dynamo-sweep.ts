import { DeleteCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { newestRow } from './dynamo-query.ts';
import { eachLimited, type Row, type TableRef } from './dynamo-table.ts';
import { EXPIRY_INDEX, EXPIRY_SHARDS } from './indexes.ts';
import { ID_PARTITIONS } from './sweep-rules.ts';

const errorName = (err: unknown): string => (err instanceof Error ? err.name : '');

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
          ExpressionAttributeNames: { '#h': EXPIRY_INDEX.hash, '#at': EXPIRY_INDEX.range },
          ExpressionAttributeValues: { ':h': `EXPIRY#${shard}`, ':now': nowSec },
          ProjectionExpression: 'pk, sk',
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
 * Deletes up to `max` items expired at `nowSec`. Each delete is conditional on the item
 * still being expired, because an index entry may lag a rewrite that reopened it (AWS).
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
  let deleted = 0;
  const doomed = keys.filter((k) => newest.get(String(k.pk)) !== String(k.sk));
  await eachLimited(doomed, 8, async (key) => {
    try {
      await table.doc.send(
        new DeleteCommand({
          TableName: table.tableName,
          Key: { pk: key.pk, sk: key.sk },
          ConditionExpression: '#at <= :now',
          ExpressionAttributeNames: { '#at': 'expiresAt' },
          ExpressionAttributeValues: { ':now': nowSec },
        }),
      );
      deleted++;
    } catch (err) {
      if (errorName(err) !== 'ConditionalCheckFailedException') throw err;
    }
  });
  return deleted;
};
