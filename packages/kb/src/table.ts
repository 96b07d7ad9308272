import {
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type DynamoDBClient,
  UpdateTableCommand,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './dynamo-table.ts';
import { PK, SCHEMA_VERSION } from './keys.ts';
import { backfill, copyTable } from './migrate.ts';
import { DEFAULT_RETENTION, type RetentionPolicy } from './retention.ts';
import {
  ATTRIBUTE_DEFINITIONS,
  GLOBAL_SECONDARY_INDEXES,
  markSchema,
  readSchemaVersion,
} from './schema.ts';

export const DEFAULT_TABLE_NAME = 'watchfloor';

type AnyClient = DynamoDBClient | DynamoDBDocumentClient;

/** Either client sends the table commands (the DocumentClient passes them through). */
type Sender = Pick<DynamoDBDocumentClient, 'send'>;

const errorName = (err: unknown): string =>
  err instanceof Error ? err.name : typeof err === 'string' ? err : '';

const describe = async (
  client: Sender,
  tableName: string,
): Promise<DescribeTableCommandOutput | null> => {
  try {
    return await client.send(new DescribeTableCommand({ TableName: tableName }));
  } catch (err) {
    if (errorName(err) === 'ResourceNotFoundException') return null;
    throw err;
  }
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface EnsureTableOptions {
  timeoutMs?: number;
  /** Stamps expiry on items rewritten by a migration. */
  retention?: RetentionPolicy;
  /**
   * Lets an endpoint that cannot add an index online (dynalite) have the table rebuilt by
   * copy (Scan, CreateTable, DeleteTable). Only for a table this process owns: the
   * embedded store sets it, AWS never needs it.
   */
  rebuild?: boolean;
}

/**
 * Creates the single table (`pk`, `sk` strings, on demand, with the indexes of
 * `schema.ts`) unless it exists, then waits until it is ACTIVE. A table from before the
 * indexes is brought up to date without losing an item: on AWS the missing indexes are
 * added online (one per call, as DynamoDB allows) and old items rewritten once they are
 * ACTIVE; an endpoint that cannot add an index (dynalite) gets the table rebuilt through a
 * copy. Safe to call from several processes at once.
 *
 * @example await ensureTable(new DynamoDBClient({}), 'watchfloor');
 */
export const ensureTable = async (
  anyClient: AnyClient,
  tableName: string,
  options: EnsureTableOptions = {},
): Promise<void> => {
  const client: Sender = anyClient;
  const timeoutMs = options.timeoutMs ?? 60_000;
  const policy = options.retention ?? DEFAULT_RETENTION;
  await finishRebuild(client, tableName, policy, timeoutMs);
  const found = await describe(client, tableName);
  if (!found) {
    await createTable(client, tableName, timeoutMs);
    return;
  }
  await waitUntilActive(client, tableName, timeoutMs);
  const have = new Set((found.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  const missing = GLOBAL_SECONDARY_INDEXES.filter((i) => !have.has(i.IndexName));
  if (missing.length > 0) {
    // Without the indexes lists read partitions as before, so a refusal is not fatal.
    if ((await addIndexOnline(client, tableName, missing)) || !options.rebuild) return;
    await rebuild(client, tableName, policy, timeoutMs);
    return;
  }
  const table = tableRef(client, tableName);
  const allActive = (found.Table?.GlobalSecondaryIndexes ?? []).every(
    (i) => i.IndexStatus === 'ACTIVE',
  );
  if (allActive && (await readSchemaVersion(table)) < SCHEMA_VERSION) {
    await backfill(table, policy);
    await markSchema(table);
  }
};

const tableRef = (client: Sender, tableName: string): TableRef => ({
  doc:
    client instanceof DynamoDBDocumentClient
      ? client
      : DynamoDBDocumentClient.from(client as DynamoDBClient, {
          marshallOptions: { removeUndefinedValues: true },
        }),
  tableName,
});

const createTable = async (client: Sender, tableName: string, timeoutMs: number) => {
  try {
    await client.send(
      new CreateTableCommand({
        TableName: tableName,
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: ATTRIBUTE_DEFINITIONS,
        KeySchema: [
          { AttributeName: 'pk', KeyType: 'HASH' },
          { AttributeName: 'sk', KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: GLOBAL_SECONDARY_INDEXES,
      }),
    );
  } catch (err) {
    // Another process created it between our DescribeTable and CreateTable.
    if (errorName(err) !== 'ResourceInUseException') throw err;
  }
  await waitUntilActive(client, tableName, timeoutMs);
  await enableExpiry(client, tableName);
  await markSchema(tableRef(client, tableName));
};

/**
 * Asks for the first missing index; true when the endpoint took it or is busy building
 * one (AWS builds it in the background; lists use the indexes once all are ACTIVE and old
 * items rewritten). False when the endpoint cannot: dynalite refuses or ignores it.
 */
const addIndexOnline = async (
  client: Sender,
  tableName: string,
  missing: typeof GLOBAL_SECONDARY_INDEXES,
): Promise<boolean> => {
  const [first] = missing;
  if (!first) return true;
  try {
    await client.send(
      new UpdateTableCommand({
        TableName: tableName,
        AttributeDefinitions: ATTRIBUTE_DEFINITIONS,
        GlobalSecondaryIndexUpdates: [{ Create: first }],
      }),
    );
  } catch (err) {
    const name = errorName(err);
    // One index is already being built (the next open asks for the next one), or the role
    // may not change the table (the template declares the indexes): partitions meanwhile.
    if (
      ['LimitExceededException', 'ResourceInUseException', 'AccessDeniedException'].includes(name)
    )
      return true;
    if (name === 'ValidationException') return false;
    throw err;
  }
  const after = await describe(client, tableName);
  return (after?.Table?.GlobalSecondaryIndexes ?? []).some((i) => i.IndexName === first.IndexName);
};

const rebuildName = (tableName: string) => `${tableName}.rebuild`;
const REBUILT_SK = 'REBUILT';

/**
 * Rebuilds a table without indexes into one with them, never holding the only copy in a
 * half-written table: copy to `<name>.rebuild`, mark the copy complete, drop and recreate
 * `<name>`, copy back, drop the copy. `finishRebuild` resumes after a crash at any step.
 */
const rebuild = async (
  client: Sender,
  tableName: string,
  policy: RetentionPolicy,
  timeoutMs: number,
): Promise<void> => {
  const copyName = rebuildName(tableName);
  await createTable(client, copyName, timeoutMs);
  const copy = tableRef(client, copyName);
  await copyTable(tableRef(client, tableName), copy, policy);
  await copy.doc.send(
    new UpdateCommand({
      TableName: copyName,
      Key: { pk: PK.meta, sk: REBUILT_SK },
      UpdateExpression: 'SET #from = :from',
      ExpressionAttributeNames: { '#from': 'from' },
      ExpressionAttributeValues: { ':from': tableName },
    }),
  );
  await finishRebuild(client, tableName, policy, timeoutMs);
};

const finishRebuild = async (
  client: Sender,
  tableName: string,
  policy: RetentionPolicy,
  timeoutMs: number,
): Promise<void> => {
  const copyName = rebuildName(tableName);
  if (!(await describe(client, copyName))) return;
  await waitUntilActive(client, copyName, timeoutMs);
  const copy = tableRef(client, copyName);
  const marker = await copy.doc.send(
    new GetCommand({
      TableName: copyName,
      Key: { pk: PK.meta, sk: REBUILT_SK },
      ConsistentRead: true,
    }),
  );
  if (marker.Item) {
    // The copy is complete, so it is the data: (re)create the table and fill it from it.
    await waitWhileDeleting(client, tableName, timeoutMs);
    const current = await describe(client, tableName);
    const indexed =
      (current?.Table?.GlobalSecondaryIndexes ?? []).length === GLOBAL_SECONDARY_INDEXES.length;
    if (current && !indexed) await dropTable(client, tableName, timeoutMs);
    if (!current || !indexed) await createTable(client, tableName, timeoutMs);
    await copyTable(
      copy,
      tableRef(client, tableName),
      policy,
      (row) => row.pk === PK.meta && row.sk === REBUILT_SK,
    );
  }
  // Without the marker the copy is partial and the original untouched: start over.
  await dropTable(client, copyName, timeoutMs);
};

const dropTable = async (client: Sender, tableName: string, timeoutMs: number) => {
  const status = (await describe(client, tableName))?.Table?.TableStatus;
  // A second delete of a table already going would race the first one's cleanup.
  if (status && status !== 'DELETING') {
    try {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
    } catch (err) {
      if (errorName(err) !== 'ResourceNotFoundException') throw err;
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (await describe(client, tableName)) {
    if (Date.now() > deadline)
      throw new Error(`table ${tableName} not deleted after ${timeoutMs} ms`);
    await sleep(20);
  }
};

const waitWhileDeleting = async (client: Sender, tableName: string, timeoutMs: number) => {
  const found = await describe(client, tableName);
  if (found?.Table?.TableStatus === 'DELETING') await dropTable(client, tableName, timeoutMs);
};

const waitUntilActive = async (
  client: Sender,
  tableName: string,
  timeoutMs: number,
): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  for (let delay = 50; ; delay = Math.min(delay * 2, 2000)) {
    const status = (await describe(client, tableName))?.Table?.TableStatus;
    if (status === 'ACTIVE') return;
    if (Date.now() + delay > deadline) {
      throw new Error(
        `table ${tableName} not ACTIVE after ${timeoutMs} ms (${status ?? 'missing'})`,
      );
    }
    await sleep(delay);
  }
};

/** TTL on `expiresAt` deletes expired items on AWS too; dynalite has no TTL, so it may refuse. */
const enableExpiry = async (client: Sender, tableName: string): Promise<void> => {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
  } catch {
    // Best effort: the sweeper and the read filter do not depend on it.
  }
};
