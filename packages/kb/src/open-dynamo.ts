import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoRepository } from './dynamo.ts';
import type { Repository } from './repository.ts';
import { type RetentionWindows, retentionPolicy } from './retention.ts';
import { DEFAULT_TABLE_NAME, ensureTable } from './table.ts';

/** Fail fast when the store is down so the API can answer 503 instead of hanging. */
export const clientTimeouts = {
  maxAttempts: 2,
  requestHandler: { connectionTimeout: 1_000, requestTimeout: 5_000 },
} as const;

export interface DynamoConfig {
  /** DynamoDB-compatible endpoint (DYNAMODB_ENDPOINT); AWS when unset. */
  endpoint?: string | undefined;
  tableName?: string | undefined;
  region?: string | undefined;
  retention?: RetentionWindows | undefined;
}

/**
 * Opens the DynamoDB store (AWS credentials from the standard SDK chain) with its table in
 * place. Kept apart from the embedded store so a Lambda bundle never loads dynalite.
 */
export const openDynamoRepository = async (config: DynamoConfig): Promise<Repository> => {
  const tableName = config.tableName ?? DEFAULT_TABLE_NAME;
  const retention = retentionPolicy(config.retention);
  const client = new DynamoDBClient({
    ...clientTimeouts,
    ...(config.region ? { region: config.region } : {}),
    ...(config.endpoint ? { endpoint: config.endpoint } : {}),
  });
  try {
    await ensureTable(client, tableName, { retention });
  } catch (err) {
    client.destroy();
    throw err;
  }
  return createDynamoRepository({
    client,
    tableName,
    kind: 'dynamodb',
    retention,
    onClose: async () => client.destroy(),
  });
};
