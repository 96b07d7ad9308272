import { BatchWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { chunk, eachLimited, type Row, type TableRef, untilProcessed } from './dynamo-table.ts';
import type { StoredItem } from './plan.ts';

type WriteRequest = { PutRequest: { Item: Row } } | { DeleteRequest: { Key: Row } };

/** BatchWriteItem in chunks of 25, a few chunks in flight, unprocessed parts retried. */
const batchWrite = async (table: TableRef, requests: WriteRequest[]): Promise<void> => {
  await eachLimited(chunk(requests, 25), 4, (part) =>
    untilProcessed(
      part,
      async (pending) => {
        const out = await table.doc.send(
          new BatchWriteCommand({ RequestItems: { [table.tableName]: pending } }),
        );
        return (out.UnprocessedItems?.[table.tableName] ?? []) as WriteRequest[];
      },
      'BatchWriteItem',
    ),
  );
};

/** Top-level attributes only when set, so no DocumentClient option is needed for them. */
export const toRow = (item: StoredItem): Row => {
  const row: Row = { pk: item.pk, sk: item.sk, body: item.body, ...item.index };
  if (item.search !== undefined) row.search = item.search;
  if (item.expiresAt !== undefined) row.expiresAt = item.expiresAt;
  return row;
};

/** Upserts rows; the caller has already deduplicated keys (BatchWrite rejects duplicates). */
export const putRows = (table: TableRef, items: StoredItem[]): Promise<void> =>
  batchWrite(
    table,
    items.map((item) => ({ PutRequest: { Item: toRow(item) } })),
  );

/** Puts rows exactly as given (a table copy). */
export const putRawRows = (table: TableRef, rows: Row[]): Promise<void> =>
  batchWrite(
    table,
    rows.map((Item) => ({ PutRequest: { Item } })),
  );

export const deleteRows = (table: TableRef, pk: string, sks: string[]): Promise<void> =>
  batchWrite(
    table,
    sks.map((sk) => ({ DeleteRequest: { Key: { pk, sk } } })),
  );

/** Atomically adds `delta` to the number attribute `n` of one row (created at 0). */
export const addToNumber = async (
  table: TableRef,
  pk: string,
  sk: string,
  delta: number,
): Promise<void> => {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk, sk },
      UpdateExpression: 'ADD #n :d',
      ExpressionAttributeNames: { '#n': 'n' },
      ExpressionAttributeValues: { ':d': delta },
    }),
  );
};
