import {
  CreateTableCommand,
  DescribeTableCommand,
  type DescribeTableCommandOutput,
  type DynamoDBClient,
  UpdateTimeToLiveCommand,
} from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

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

/**
 * Creates the single table (`pk`, `sk` strings, on demand) unless it exists, then waits
 * until it is ACTIVE. Safe to call from several processes at once.
 *
 * @example await ensureTable(new DynamoDBClient({}), 'watchfloor');
 */
export const ensureTable = async (
  anyClient: AnyClient,
  tableName: string,
  timeoutMs = 60_000,
): Promise<void> => {
  const client: Sender = anyClient;
  if (!(await describe(client, tableName))) {
    try {
      await client.send(
        new CreateTableCommand({
          TableName: tableName,
          BillingMode: 'PAY_PER_REQUEST',
          AttributeDefinitions: [
            { AttributeName: 'pk', AttributeType: 'S' },
            { AttributeName: 'sk', AttributeType: 'S' },
          ],
          KeySchema: [
            { AttributeName: 'pk', KeyType: 'HASH' },
            { AttributeName: 'sk', KeyType: 'RANGE' },
          ],
        }),
      );
    } catch (err) {
      // Another process created it between our DescribeTable and CreateTable.
      if (errorName(err) !== 'ResourceInUseException') throw err;
    }
    await waitUntilActive(client, tableName, timeoutMs);
    await enableLogExpiry(client, tableName);
    return;
  }
  await waitUntilActive(client, tableName, timeoutMs);
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

/** TTL on `expiresAt` backs up `pruneLogs` on AWS; dynalite has no TTL, so it may refuse. */
const enableLogExpiry = async (client: Sender, tableName: string): Promise<void> => {
  try {
    await client.send(
      new UpdateTimeToLiveCommand({
        TableName: tableName,
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      }),
    );
  } catch {
    // Best effort: retention does not depend on it.
  }
};
