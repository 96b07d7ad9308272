import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Alert, AuditEvent, Fault, Incident, LogEntry } from '@watchfloor/domain';
import { partitionPages } from './dynamo-query.ts';
import type { Row, TableRef } from './dynamo-table.ts';
import { putRawRows, toRow } from './dynamo-write.ts';
import { knowledgePk, PK } from './keys.ts';
import { planWrite, type StoredItem } from './plan.ts';
import type { KnowledgeItem, WriteBatch } from './repository.ts';
import type { RetentionPolicy } from './retention.ts';

const planned = (batch: WriteBatch, policy: RetentionPolicy): Row[] => {
  const plan = planWrite(batch, policy);
  return [...plan.items, ...plan.links].map((item: StoredItem) => toRow(item));
};

/**
 * A stored row in the current layout: rows of an entity are written again from their body
 * (index keys, expiry, service links), the rest (kill switch, counters, meta) as they are.
 */
export const restamp = (row: Row, policy: RetentionPolicy): Row[] => {
  const pk = String(row.pk);
  const body = row.body;
  if (pk === PK.alert) return planned({ alerts: [body as Alert] }, policy);
  if (pk === PK.incident) return planned({ incidents: [body as Incident] }, policy);
  if (pk === PK.log) return planned({ logs: [body as LogEntry] }, policy);
  if (pk === PK.audit) return planned({ audit: [body as AuditEvent] }, policy);
  if (pk === PK.fault) return planned({ faults: [body as Fault] }, policy);
  // Links are derived from incidents, which bring theirs.
  if (pk.startsWith(`${PK.incident}#SVC#`)) return [];
  if (pk.startsWith('KNOWLEDGE#')) return planned({ knowledge: [body as KnowledgeItem] }, policy);
  return [row];
};

/** Writes every row of `from` into `to` in the current layout (Scan: a one-off migration). */
export const copyTable = async (
  from: TableRef,
  to: TableRef,
  policy: RetentionPolicy,
  skip: (row: Row) => boolean = () => false,
): Promise<number> => {
  let copied = 0;
  let startKey: Row | undefined;
  do {
    const out = await from.doc.send(
      new ScanCommand({ TableName: from.tableName, ExclusiveStartKey: startKey, Limit: 500 }),
    );
    const rows = (out.Items ?? []).filter((row) => !skip(row));
    await putRawRows(
      to,
      rows.flatMap((row) => restamp(row, policy)),
    );
    copied += rows.length;
    startKey = out.LastEvaluatedKey;
  } while (startKey);
  return copied;
};

/**
 * Rewrites, in place, every row that index keys or expiry apply to (a table whose indexes
 * DynamoDB built online, over items written before them). Idempotent, so an interrupted
 * run is simply run again.
 */
export const backfill = async (table: TableRef, policy: RetentionPolicy): Promise<number> => {
  const partitions = [
    PK.alert,
    PK.incident,
    PK.audit,
    PK.fault,
    PK.log,
    ...Object.keys(policy.knowledge).map(knowledgePk),
  ];
  let rewritten = 0;
  for (const pk of partitions) {
    for await (const rows of partitionPages(table, pk, 500)) {
      await putRawRows(
        table,
        rows.flatMap((row) => restamp(row, policy)),
      );
      rewritten += rows.length;
    }
  }
  return rewritten;
};
