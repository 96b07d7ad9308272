import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

/** The table an adapter talks to. */
export interface TableRef {
  doc: DynamoDBDocumentClient;
  tableName: string;
}

export type Row = Record<string, unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs a batch call until nothing is left unprocessed, backing off between rounds
 * (DynamoDB hands back throttled parts of a batch instead of failing it).
 */
export const untilProcessed = async <T>(
  first: T[],
  call: (pending: T[]) => Promise<T[]>,
  what: string,
): Promise<void> => {
  let pending = first;
  for (let attempt = 0; pending.length > 0; attempt++) {
    if (attempt > 0) {
      if (attempt > 10) throw new Error(`${what}: ${pending.length} requests still unprocessed`);
      await sleep(Math.min(25 * 2 ** (attempt - 1), 1000));
    }
    pending = await call(pending);
  }
};

export const chunk = <T>(items: T[], size: number): T[][] => {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
};

/** Runs `task` over items with at most `limit` in flight. */
export const eachLimited = async <T>(
  items: T[],
  limit: number,
  task: (item: T) => Promise<void>,
): Promise<void> => {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++];
      if (item !== undefined) await task(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
};
