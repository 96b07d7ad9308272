export { createDynamoRepository, type DynamoRepositoryOptions } from './dynamo.ts';
export { type EmbeddedStore, startEmbeddedStore } from './embedded.ts';
export { InvalidCursorError } from './errors.ts';
export { createMemoryRepository } from './memory.ts';
export { openRepository, type RepositoryConfig } from './open.ts';
export type * from './repository.ts';
export { DEFAULT_TABLE_NAME, ensureTable } from './table.ts';
