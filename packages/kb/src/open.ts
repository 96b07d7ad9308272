import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { withCompaction } from './compaction.ts';
import { createDynamoRepository } from './dynamo.ts';
import { startEmbeddedStore } from './embedded.ts';
import { createMemoryRepository } from './memory.ts';
import { clientTimeouts, openDynamoRepository } from './open-dynamo.ts';
import type { Repository, StoreKind } from './repository.ts';
import { type RetentionWindows, retentionPolicy } from './retention.ts';
import { DEFAULT_TABLE_NAME, ensureTable } from './table.ts';

export interface RepositoryConfig {
  store: StoreKind;
  /** Where the embedded store keeps its LevelDB files. */
  dataDir: string;
  /** DynamoDB-compatible endpoint for the `dynamodb` store (DYNAMODB_ENDPOINT). */
  endpoint?: string | undefined;
  tableName?: string | undefined;
  region?: string | undefined;
  /** Retention windows over the defaults (`DEFAULT_RETENTION`). */
  retention?: RetentionWindows | undefined;
  /** Embedded store: compact after this many rows put or deleted (default 10,000). */
  compactEveryChanges?: number | undefined;
}

/**
 * Opens the configured store with its table in place.
 *
 * @example const repo = await openRepository({ store: 'embedded', dataDir: '.watchfloor' });
 */
export const openRepository = async (config: RepositoryConfig): Promise<Repository> => {
  const tableName = config.tableName ?? DEFAULT_TABLE_NAME;
  const retention = retentionPolicy(config.retention);
  if (config.store === 'memory') return createMemoryRepository({ retention });

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
    await ensureTable(client, tableName, { retention, rebuild: true });
  } catch (err) {
    await closeAll();
    throw err;
  }
  const repo = createDynamoRepository({
    client,
    tableName,
    kind: 'embedded',
    onClose: closeAll,
    retention,
  });
  return withCompaction(repo, store.compact, config.compactEveryChanges);
};
