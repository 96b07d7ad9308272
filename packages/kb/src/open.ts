import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { createDynamoRepository } from './dynamo.ts';
import { startEmbeddedStore } from './embedded.ts';
import { createMemoryRepository } from './memory.ts';
import { clientTimeouts, openDynamoRepository } from './open-dynamo.ts';
import type { Repository, StoreKind } from './repository.ts';
import { DEFAULT_TABLE_NAME, ensureTable } from './table.ts';

export interface RepositoryConfig {
  store: StoreKind;
  /** Where the embedded store keeps its LevelDB files. */
  dataDir: string;
  /** DynamoDB-compatible endpoint for the `dynamodb` store (DYNAMODB_ENDPOINT). */
  endpoint?: string | undefined;
  tableName?: string | undefined;
  region?: string | undefined;
}

/**
 * Opens the configured store with its table in place.
 *
 * @example const repo = await openRepository({ store: 'embedded', dataDir: '.watchfloor' });
 */
export const openRepository = async (config: RepositoryConfig): Promise<Repository> => {
  const tableName = config.tableName ?? DEFAULT_TABLE_NAME;
  if (config.store === 'memory') return createMemoryRepository();

  if (config.store === 'dynamodb') return openDynamoRepository(config);

  const store = await startEmbeddedStore({ dataDir: config.dataDir });
  const client = new DynamoDBClient({
    ...clientTimeouts,
    endpoint: store.endpoint,
    region: 'us-east-1',
    // dynalite checks that requests are signed, not by whom.
    credentials: { accessKeyId: 'watchfloor', secretAccessKey: 'watchfloor' },
  });
  const closeAll = async () => {
    client.destroy();
    await store.close();
  };
  try {
    await ensureTable(client, tableName);
  } catch (err) {
    await closeAll();
    throw err;
  }
  return createDynamoRepository({ client, tableName, kind: 'embedded', onClose: closeAll });
};
