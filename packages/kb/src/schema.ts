import {
  type AttributeDefinition,
  DescribeTableCommand,
  type GlobalSecondaryIndex,
} from '@aws-sdk/client-dynamodb';
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TableRef } from './dynamo-table.ts';
import { EXPIRY_INDEX, INDEXES } from './indexes.ts';
import { PK, SCHEMA_SK, SCHEMA_VERSION } from './keys.ts';

/** Key attributes of the table and its indexes (every index key is a string but `expiresAt`). */
export const ATTRIBUTE_DEFINITIONS: AttributeDefinition[] = [
  { AttributeName: 'pk', AttributeType: 'S' },
  { AttributeName: 'sk', AttributeType: 'S' },
  ...INDEXES.map((i) => ({ AttributeName: i.hash, AttributeType: 'S' as const })),
  { AttributeName: EXPIRY_INDEX.hash, AttributeType: 'S' },
  { AttributeName: EXPIRY_INDEX.range, AttributeType: 'N' },
];

export const GLOBAL_SECONDARY_INDEXES: GlobalSecondaryIndex[] = [
  ...INDEXES.map((i) => ({
    IndexName: i.name,
    KeySchema: [
      { AttributeName: i.hash, KeyType: 'HASH' as const },
      { AttributeName: 'sk', KeyType: 'RANGE' as const },
    ],
    Projection: { ProjectionType: 'KEYS_ONLY' as const },
  })),
  {
    IndexName: EXPIRY_INDEX.name,
    KeySchema: [
      { AttributeName: EXPIRY_INDEX.hash, KeyType: 'HASH' },
      { AttributeName: EXPIRY_INDEX.range, KeyType: 'RANGE' },
    ],
    Projection: { ProjectionType: 'KEYS_ONLY' },
  },
];

export const readSchemaVersion = async (table: TableRef): Promise<number> => {
  const out = await table.doc.send(
    new GetCommand({
      TableName: table.tableName,
      Key: { pk: PK.meta, sk: SCHEMA_SK },
      ConsistentRead: true,
    }),
  );
  return Number(out.Item?.version ?? 1);
};

/** Records that every item is in the current layout, so lists may use the indexes. */
export const markSchema = async (table: TableRef): Promise<void> => {
  await table.doc.send(
    new UpdateCommand({
      TableName: table.tableName,
      Key: { pk: PK.meta, sk: SCHEMA_SK },
      UpdateExpression: 'SET #v = :v',
      ExpressionAttributeNames: { '#v': 'version' },
      ExpressionAttributeValues: { ':v': SCHEMA_VERSION },
    }),
  );
};

/**
 * Whether lists may use the indexes: all of them ACTIVE and every item in the current
 * layout. Asked once and remembered when true; otherwise asked again a minute later (AWS
 * builds an added index in the background).
 */
export const indexesReady = (table: TableRef): (() => Promise<boolean>) => {
  let known = false;
  let checkedAt = Number.NEGATIVE_INFINITY;
  return async () => {
    if (known || Date.now() - checkedAt < 60_000) return known;
    checkedAt = Date.now();
    const out = await table.doc.send(new DescribeTableCommand({ TableName: table.tableName }));
    const active = new Set(
      (out.Table?.GlobalSecondaryIndexes ?? [])
        .filter((i) => i.IndexStatus === 'ACTIVE')
        .map((i) => i.IndexName),
    );
    known =
      GLOBAL_SECONDARY_INDEXES.every((i) => active.has(i.IndexName)) &&
      (await readSchemaVersion(table)) >= SCHEMA_VERSION;
    return known;
  };
};
