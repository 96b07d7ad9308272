import { BatchGetCommand, GetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@watchfloor/domain';
import { ExpressionBuilder } from './dynamo-expr.ts';
import { chunk, type Row, type TableRef, untilProcessed } from './dynamo-table.ts';
import type { ListSpec } from './filters.ts';
import { assertLimit, decodeCursor, encodeCursor } from './keys.ts';

/** How many rows one Query may read while filtering; grows as matches stay scarce. */
const MAX_READ = 1000;

export const getBody = async (table: TableRef, pk: string, sk: string): Promise<unknown> => {
  const out = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk, sk },
      ProjectionExpression: '#body',
      ExpressionAttributeNames: { '#body': 'body' },
    }),
  );
  return out.Item?.body;
};

/**
 * Rows by sort key (BatchGetItem, 100 keys a call), with the named attributes besides `sk`;
 * missing keys are absent. `consistent` reads what the last write wrote (index lists need it).
 */
export const batchGetRows = async (
  table: TableRef,
  pk: string,
  sks: string[],
  attributes: string[],
  consistent = false,
): Promise<Map<string, Row>> => {
  const found = new Map<string, Row>();
  const names = Object.fromEntries(['sk', ...attributes].map((a) => [`#${a}`, a]));
  for (const part of chunk([...new Set(sks)], 100)) {
    await untilProcessed(
      part.map((sk) => ({ pk, sk })),
      async (keys) => {
        const out = await table.doc.send(
          new BatchGetCommand({
            RequestItems: {
              [table.tableName]: {
                Keys: keys,
                ...(consistent ? { ConsistentRead: true } : {}),
                ProjectionExpression: Object.keys(names).join(', '),
                ExpressionAttributeNames: names,
              },
            },
          }),
        );
        for (const row of out.Responses?.[table.tableName] ?? []) found.set(String(row.sk), row);
        return (out.UnprocessedKeys?.[table.tableName]?.Keys ?? []) as typeof keys;
      },
      'BatchGetItem',
    );
  }
  return found;
};

/** Bodies by sort key; missing keys are absent. */
export const getBodies = async (
  table: TableRef,
  pk: string,
  sks: string[],
): Promise<Map<string, unknown>> => {
  const rows = await batchGetRows(table, pk, sks, ['body']);
  return new Map([...rows].map(([sk, row]) => [sk, row.body]));
};

/**
 * One page of a partition, newest first (or by key). A filtered page keeps reading until
 * it holds `limit` matches plus one to know whether more follow; the cursor is the last
 * returned row's key, so rows read past it are read again next time, never skipped.
 */
export const queryPage = async <T>(table: TableRef, spec: ListSpec): Promise<Page<T>> => {
  const { pk, query, conditions = [], byKey = false } = spec;
  assertLimit(query.limit);
  const want = query.limit + 1;
  const expr = new ExpressionBuilder();
  const filter = expr.filter(conditions);
  const keyCondition = `${expr.name('pk')} = ${expr.value(pk)}`;
  const projection = `${expr.name('sk')}, ${expr.name('body')}`;

  let startKey: Row | undefined =
    query.cursor === undefined ? undefined : { pk, sk: decodeCursor(query.cursor, !byKey) };
  let read = filter ? Math.min(want * 2, MAX_READ) : want;
  const found: Row[] = [];
  do {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: keyCondition,
        FilterExpression: filter,
        ProjectionExpression: projection,
        ExpressionAttributeNames: expr.names,
        ExpressionAttributeValues: expr.values,
        ScanIndexForward: byKey,
        ExclusiveStartKey: startKey,
        Limit: read,
      }),
    );
    for (const row of out.Items ?? []) {
      if (found.push(row) === want) break;
    }
    startKey = out.LastEvaluatedKey;
    read = Math.min(read * 2, MAX_READ);
  } while (found.length < want && startKey);

  const rows = found.slice(0, query.limit);
  const last = rows.at(-1);
  return {
    items: rows.map((row) => row.body as T),
    nextCursor: found.length > query.limit && last ? encodeCursor(String(last.sk)) : null,
  };
};

/** Sort keys of a partition, oldest first, at most `limit` (keys only, for deletes). */
export const oldestKeys = async (table: TableRef, pk: string, limit: number): Promise<string[]> => {
  const sks: string[] = [];
  let startKey: Row | undefined;
  do {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: '#pk = :pk',
        ProjectionExpression: '#sk',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: true,
        ExclusiveStartKey: startKey,
        Limit: Math.min(limit - sks.length, MAX_READ),
      }),
    );
    for (const row of out.Items ?? []) sks.push(String(row.sk));
    startKey = out.LastEvaluatedKey;
  } while (sks.length < limit && startKey);
  return sks;
};

/** The highest sort key of a partition with its body, or null when it is empty. */
export const newestRow = async (table: TableRef, pk: string): Promise<Row | null> => {
  const out = await table.doc.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: '#pk = :pk',
      ProjectionExpression: '#sk, #body',
      ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk', '#body': 'body' },
      ExpressionAttributeValues: { ':pk': pk },
      ScanIndexForward: false,
      Limit: 1,
    }),
  );
  return out.Items?.[0] ?? null;
};

/** A partition's rows a page at a time, in key order (whole rows). */
export async function* partitionPages(
  table: TableRef,
  pk: string,
  pageSize?: number,
): AsyncGenerator<Row[]> {
  let startKey: Row | undefined;
  do {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': pk },
        ExclusiveStartKey: startKey,
        ...(pageSize ? { Limit: pageSize } : {}),
      }),
    );
    yield out.Items ?? [];
    startKey = out.LastEvaluatedKey;
  } while (startKey);
}

/** Every row of a small partition (counters). */
export const allRows = async (table: TableRef, pk: string): Promise<Row[]> => {
  const rows: Row[] = [];
  for await (const page of partitionPages(table, pk)) rows.push(...page);
  return rows;
};

/** Exact row count of a partition (Select COUNT pages through it, keys only). */
export const countRows = async (table: TableRef, pk: string): Promise<number> => {
  let count = 0;
  let startKey: Row | undefined;
  do {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': 'pk' },
        ExpressionAttributeValues: { ':pk': pk },
        Select: 'COUNT',
        ExclusiveStartKey: startKey,
      }),
    );
    count += out.Count ?? 0;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return count;
};
