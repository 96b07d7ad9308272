export { createDynamoRepository, type DynamoRepositoryOptions } from './dynamo.ts';
export { type EmbeddedStore, startEmbeddedStore } from './embedded.ts';
export { InvalidCursorError, ItemTooLargeError, MAX_ITEM_BYTES } from './errors.ts';
export { EXPIRY_INDEX, INDEXES } from './indexes.ts';
export { createMemoryRepository } from './memory.ts';
export { openRepository, type RepositoryConfig } from './open.ts';
export { storedSizes } from './plan.ts';
export type * from './repository.ts';
export {
  DEFAULT_RETENTION,
  type RetentionPolicy,
  type RetentionWindows,
  retentionPolicy,
} from './retention.ts';
export { ATTRIBUTE_DEFINITIONS, GLOBAL_SECONDARY_INDEXES } from './schema.ts';
export { DEFAULT_TABLE_NAME, type EnsureTableOptions, ensureTable } from './table.ts';
