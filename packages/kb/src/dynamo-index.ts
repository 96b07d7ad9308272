import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Page } from '@watchfloor/domain';
import { batchGetRows } from './dynamo-query.ts';
import type { Row, TableRef } from './dynamo-table.ts';
import { type Condition, matchesAll } from './filters.ts';
import { INDEXES, type KeySource } from './indexes.ts';
import { assertLimit, decodeCursor, encodeCursor } from './keys.ts';
import type { PageQuery } from './repository.ts';

/** Rows by sort key with what lists filter on, read consistently from the table. */
export const getRows = (table: TableRef, pk: string, sks: string[]): Promise<Map<string, Row>> =>
  batchGetRows(table, pk, sks, ['body', 'search', 'expiresAt'], true);

/** Sort keys of one index (or table) partition, newest first, strictly before `before`. */
async function* keysNewestFirst(
  table: TableRef,
  source: KeySource,
  before: string | undefined,
  firstRead: number,
): AsyncGenerator<string> {
  const hash = source.index ? INDEXES.find((i) => i.name === source.index)?.hash : 'pk';
  if (!hash) throw new Error(`unknown index ${source.index}`);
  let startKey: Row | undefined;
  let read = firstRead;
  do {
    const out = await table.doc.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: source.index,
        KeyConditionExpression: before === undefined ? '#h = :h' : '#h = :h AND #sk < :before',
        ExpressionAttributeNames: { '#h': hash, '#sk': 'sk' },
        ExpressionAttributeValues: {
          ':h': source.hashValue,
          ...(before === undefined ? {} : { ':before': before }),
        },
        ProjectionExpression: '#sk',
        ScanIndexForward: false,
        ExclusiveStartKey: startKey,
        Limit: read,
      }),
    );
    for (const row of out.Items ?? []) yield String(row.sk);
    startKey = out.LastEvaluatedKey;
    read = Math.min(read * 2, 1000);
  } while (startKey);
}

/** Several newest-first key streams as one (an item is in one status partition only). */
async function* mergeNewestFirst(streams: AsyncGenerator<string>[]): AsyncGenerator<string> {
  const heads = await Promise.all(streams.map((s) => s.next()));
  for (;;) {
    let best = -1;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i];
      if (head && !head.done && (best < 0 || head.value > String(heads[best]?.value))) best = i;
    }
    const stream = streams[best];
    if (best < 0 || !stream) return;
    yield String(heads[best]?.value);
    heads[best] = await stream.next();
  }
}

/**
 * One page of an id list served from index partitions: candidate keys newest first from
 * the sources, bodies read consistently from the table and checked against every
 * condition (index entries may lag the table on AWS; a body is never stale). Same cursor
 * as `queryPage`, the last returned sort key.
 */
export const indexedPage = async <T>(
  table: TableRef,
  spec: { pk: string; query: PageQuery; sources: KeySource[]; conditions: Condition[] },
): Promise<Page<T>> => {
  const { pk, query, sources, conditions } = spec;
  assertLimit(query.limit);
  const want = query.limit + 1;
  const before = query.cursor === undefined ? undefined : decodeCursor(query.cursor, true);
  const keys = mergeNewestFirst(sources.map((s) => keysNewestFirst(table, s, before, want)));
  const found: Row[] = [];
  let exhausted = false;
  while (found.length < want && !exhausted) {
    const sks: string[] = [];
    while (sks.length < Math.min(want - found.length, 100)) {
      const next = await keys.next();
      if (next.done) {
        exhausted = true;
        break;
      }
      sks.push(next.value);
    }
    const rows = await getRows(table, pk, sks);
    for (const sk of sks) {
      const row = rows.get(sk);
      if (row && matchesAll(row, conditions) && found.push(row) === want) break;
    }
  }
  const page = found.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((row) => row.body as T),
    nextCursor: found.length > query.limit && last ? encodeCursor(String(last.sk)) : null,
  };
};
