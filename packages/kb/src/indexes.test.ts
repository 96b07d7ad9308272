import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { alert, audit, incident, shuffled, walkPages } from './contract-fixtures.ts';
import { createDynamoRepository } from './dynamo.ts';
import { type EmbeddedStore, startEmbeddedStore } from './embedded.ts';
import type { Repository } from './repository.ts';
import { ensureTable } from './table.ts';

interface QueryRead {
  index: string | undefined;
  scanned: number;
  count: number;
}

let dir: string;
let store: EmbeddedStore;
let client: DynamoDBClient;
let repo: Repository;
/** Every Query the adapter sends, with what DynamoDB says it read. */
let queries: QueryRead[] = [];
let batchGetKeys = 0;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'watchfloor-kb-index-'));
  store = await startEmbeddedStore({ dataDir: dir });
  client = new DynamoDBClient({
    endpoint: store.endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
  });
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const input = args.input as {
        IndexName?: string;
        RequestItems?: Record<string, { Keys: unknown[] }>;
      };
      const output = result.output as { ScannedCount?: number; Count?: number };
      if (context.commandName === 'QueryCommand') {
        queries.push({
          index: input.IndexName,
          scanned: output.ScannedCount ?? 0,
          count: output.Count ?? 0,
        });
      }
      if (context.commandName === 'BatchGetItemCommand') {
        for (const { Keys } of Object.values(input.RequestItems ?? {})) batchGetKeys += Keys.length;
      }
      return result;
    },
    { step: 'initialize', name: 'countReads' },
  );
  await ensureTable(client, 'indexed');
  repo = createDynamoRepository({ client, tableName: 'indexed', kind: 'embedded' });

  const services = ['checkout', 'payments', 'search', 'orders', 'users'];
  await repo.write({
    // 600 alerts, 12 firing, 20 on payments, 6 in INC-000007.
    alerts: shuffled(
      Array.from({ length: 600 }, (_, i) =>
        alert(i + 1, {
          status: i % 50 === 0 ? 'firing' : 'resolved',
          labels: { alertname: 'X', service: i % 30 === 0 ? 'payments' : 'checkout' },
          incidentId: i % 100 === 3 ? 'INC-000007' : null,
        }),
      ),
    ),
    // 300 incidents, 9 active, 10 touching users.
    incidents: Array.from({ length: 300 }, (_, i) =>
      incident(i + 1, {
        status:
          i % 100 === 0
            ? 'open'
            : i % 100 === 1
              ? 'escalated'
              : i % 100 === 2
                ? 'acknowledged'
                : 'resolved',
        services: i % 30 === 5 ? ['orders', 'users'] : [services[i % 3] ?? 'checkout'],
      }),
    ),
    // 900 audit events, 3 about INC-000042, 15 by the operator.
    audit: Array.from({ length: 900 }, (_, i) =>
      audit(i + 1, {
        target: i % 300 === 42 ? 'INC-000042' : `INC-${String(i + 1000).padStart(6, '0')}`,
        actor: i % 60 === 0 ? 'operator' : 'orchestrator',
        action: i % 60 === 0 ? 'incident.ack' : 'incident.decide',
      }),
    ),
  });
});

afterAll(async () => {
  client.destroy();
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

beforeEach(() => {
  queries = [];
  batchGetKeys = 0;
});

const totals = () => ({
  scanned: queries.reduce((n, q) => n + q.scanned, 0),
  returned: queries.reduce((n, q) => n + q.count, 0),
});

describe('selective lists read only what matches (dynalite, real SDK)', () => {
  const cases: [
    string,
    (cursor: string | undefined) => Promise<{ items: unknown[]; nextCursor: string | null }>,
    number,
  ][] = [
    ['firing alerts', (cursor) => repo.listAlerts({ limit: 5, cursor, status: 'firing' }), 12],
    [
      'alerts on a service',
      (cursor) => repo.listAlerts({ limit: 5, cursor, service: 'payments' }),
      20,
    ],
    [
      'alerts of an incident',
      (cursor) => repo.listAlerts({ limit: 5, cursor, incidentId: 'INC-000007' }),
      6,
    ],
    [
      'active incidents (three statuses merged)',
      (cursor) =>
        repo.listIncidents({ limit: 4, cursor, status: ['open', 'escalated', 'acknowledged'] }),
      9,
    ],
    [
      'incidents touching a service',
      (cursor) => repo.listIncidents({ limit: 4, cursor, service: 'users' }),
      10,
    ],
    [
      'audit trail of an incident',
      (cursor) => repo.listAudit({ limit: 100, cursor, target: 'INC-000042' }),
      3,
    ],
    ['audit by actor', (cursor) => repo.listAudit({ limit: 5, cursor, actor: 'operator' }), 15],
  ];

  for (const [what, list, matches] of cases) {
    it(`${what}: every key read is a match, and only matches are fetched`, async () => {
      const walked = await walkPages(0, list);
      expect(walked.items).toHaveLength(matches);
      const { scanned, returned } = totals();
      // Each page reads one key past its last item to know whether more follow.
      expect(scanned).toBe(returned);
      expect(scanned).toBeLessThanOrEqual(matches + walked.pages * 3);
      expect(batchGetKeys).toBeLessThanOrEqual(matches + walked.pages * 3);
      expect(queries.every((q) => q.index !== undefined || what.includes('service'))).toBe(true);
    });
  }

  it('reads the partition through for a filter no index serves (text search)', async () => {
    const page = await repo.listIncidents({ limit: 5, q: 'nothing matches this' });
    expect(page.items).toEqual([]);
    expect(totals().scanned).toBe(300);
  });
});
