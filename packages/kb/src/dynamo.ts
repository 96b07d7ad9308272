import { DescribeTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import {
  type Alert,
  type AuditEvent,
  type Fault,
  type Incident,
  initialKillSwitch,
  type KillSwitchState,
  type LogEntry,
} from '@watchfloor/domain';
import { addLogCount, countNewLogs, pruneLogs } from './dynamo-logs.ts';
import { allRows, getBodies, getBody, newestRow, queryPage } from './dynamo-query.ts';
import type { TableRef } from './dynamo-table.ts';
import { addToNumber, putRows } from './dynamo-write.ts';
import { alertFilters, auditFilters, incidentFilters, logFilters } from './filters.ts';
import { idSortKey, KILLSWITCH_SK, knowledgePk, PK } from './keys.ts';
import { planWrite } from './plan.ts';
import type { KnowledgeItem, Repository } from './repository.ts';

export interface DynamoRepositoryOptions {
  /** A DocumentClient you pass should marshall with `removeUndefinedValues: true`. */
  client: DynamoDBDocumentClient | DynamoDBClient;
  tableName: string;
  kind: 'embedded' | 'dynamodb';
  /** Runs after `close()`, e.g. to stop the embedded server the client talks to. */
  onClose?: () => Promise<void>;
}

const toDocumentClient = (
  client: DynamoDBDocumentClient | DynamoDBClient,
): DynamoDBDocumentClient =>
  client instanceof DynamoDBDocumentClient
    ? client
    : DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });

/**
 * The DynamoDB adapter over one table (`pk`/`sk` strings, see `keys.ts`), for AWS or the
 * embedded dynalite server. The table must exist: see `ensureTable`.
 */
export const createDynamoRepository = (options: DynamoRepositoryOptions): Repository => {
  const table: TableRef = { doc: toDocumentClient(options.client), tableName: options.tableName };

  const getById = async <T>(pk: string, id: string): Promise<T | null> => {
    const sk = idSortKey(id);
    if (sk === null) return null;
    return ((await getBody(table, pk, sk)) as T | undefined) ?? null;
  };

  return {
    kind: options.kind,
    ping: async () => {
      await table.doc.send(new DescribeTableCommand({ TableName: table.tableName }));
    },
    close: async () => {
      await options.onClose?.();
    },

    write: async (batch) => {
      const plan = planWrite(batch);
      const logSks = plan.items.filter((row) => row.pk === PK.log).map((row) => row.sk);
      const newLogs = await countNewLogs(table, logSks);
      await putRows(table, plan.items);
      await Promise.all([
        ...plan.counters.map(([name, delta]) => addToNumber(table, PK.counters, name, delta)),
        addLogCount(table, newLogs),
      ]);
    },

    getAlert: (id) => getById<Alert>(PK.alert, id),
    getAlerts: async (ids) => {
      const sks = ids.map(idSortKey);
      const found = await getBodies(
        table,
        PK.alert,
        sks.filter((sk): sk is string => sk !== null),
      );
      return sks.flatMap((sk) => {
        const alert = sk === null ? undefined : found.get(sk);
        return alert === undefined ? [] : [alert as Alert];
      });
    },
    listAlerts: (query) =>
      queryPage<Alert>(table, { pk: PK.alert, query, conditions: alertFilters(query) }),

    getIncident: (id) => getById<Incident>(PK.incident, id),
    listIncidents: (query) =>
      queryPage<Incident>(table, { pk: PK.incident, query, conditions: incidentFilters(query) }),

    listLogs: (query) =>
      queryPage<LogEntry>(table, { pk: PK.log, query, conditions: logFilters(query) }),
    pruneLogs: (keep) => pruneLogs(table, keep),

    listAudit: (query) =>
      queryPage<AuditEvent>(table, { pk: PK.audit, query, conditions: auditFilters(query) }),

    getFault: (id) => getById<Fault>(PK.fault, id),
    listFaults: (query) => queryPage<Fault>(table, { pk: PK.fault, query }),

    getKillSwitch: async () =>
      ((await getBody(table, PK.killSwitch, KILLSWITCH_SK)) as KillSwitchState | undefined) ??
      structuredClone(initialKillSwitch),

    getCounters: async () => {
      const rows = await allRows(table, PK.counters);
      return Object.fromEntries(rows.map((row) => [String(row.sk), Number(row.n)]));
    },

    getKnowledge: async (namespace, key) => {
      if (key.length === 0) return undefined;
      const item = (await getBody(table, knowledgePk(namespace), key)) as KnowledgeItem | undefined;
      return item?.value;
    },
    listKnowledge: (namespace, query) =>
      queryPage<KnowledgeItem>(table, { pk: knowledgePk(namespace), query, byKey: true }),

    lastId: async (kind) => {
      const row = await newestRow(table, PK[kind]);
      return row ? (row.body as { id: string }).id : null;
    },
  };
};
