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
  upgradeIncident,
} from '@watchfloor/domain';
import { getRows, indexedPage } from './dynamo-index.ts';
import { addLogCount, countNewLogs, pruneLogs } from './dynamo-logs.ts';
import { allRows, getBody, newestRow, queryPage } from './dynamo-query.ts';
import { sweepExpired } from './dynamo-sweep.ts';
import type { TableRef } from './dynamo-table.ts';
import { addToNumber, putRows } from './dynamo-write.ts';
import {
  alertFilters,
  auditFilters,
  type Condition,
  incidentFilters,
  liveAt,
  logFilters,
} from './filters.ts';
import { alertSources, auditSources, incidentSources, type KeySource } from './indexes.ts';
import { idSortKey, KILLSWITCH_SK, knowledgePk, PK } from './keys.ts';
import { LinkCache } from './link-cache.ts';
import { planWrite } from './plan.ts';
import type { KnowledgeItem, PageQuery, Repository } from './repository.ts';
import { DEFAULT_RETENTION, isLive, type RetentionPolicy } from './retention.ts';
import { indexesReady } from './schema.ts';

export interface DynamoRepositoryOptions {
  /** A DocumentClient you pass should marshall with `removeUndefinedValues: true`. */
  client: DynamoDBDocumentClient | DynamoDBClient;
  tableName: string;
  kind: 'embedded' | 'dynamodb';
  /** Runs after `close()`, e.g. to stop the embedded server the client talks to. */
  onClose?: () => Promise<void>;
  retention?: RetentionPolicy;
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
  const policy = options.retention ?? DEFAULT_RETENTION;
  const links = new LinkCache();
  const ready = indexesReady(table);
  let clock: (() => number) | undefined;
  const nowSec = (): number | undefined => (clock ? Math.floor(clock() / 1000) : undefined);

  const getLive = async (pk: string, sk: string): Promise<unknown> => {
    const row = (await getRows(table, pk, [sk])).get(sk);
    return row && isLive(row, nowSec()) ? row.body : undefined;
  };
  const getById = async <T>(pk: string, id: string): Promise<T | null> => {
    const sk = idSortKey(id);
    if (sk === null) return null;
    return ((await getLive(pk, sk)) as T | undefined) ?? null;
  };
  /** From index partitions when the table has them, else the kind's partition filtered. */
  const list = async <T>(
    pk: string,
    query: PageQuery,
    conditions: Condition[],
    sources?: KeySource[],
  ) => {
    const all = [...liveAt(nowSec()), ...conditions];
    if (sources && (await ready())) {
      return indexedPage<T>(table, { pk, query, sources, conditions: all });
    }
    return queryPage<T>(table, { pk, query, conditions: all });
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
      const plan = planWrite(batch, policy);
      const logSks = plan.items.filter((row) => row.pk === PK.log).map((row) => row.sk);
      const newLogs = await countNewLogs(table, logSks);
      // Incidents are rewritten on every alert; their service links only when they change.
      const newLinks = links.unseen(plan.links);
      await putRows(table, [...plan.items, ...newLinks]);
      links.remember(newLinks);
      await Promise.all([
        ...plan.counters.map(([name, delta]) => addToNumber(table, PK.counters, name, delta)),
        addLogCount(table, newLogs),
      ]);
    },

    getAlert: (id) => getById<Alert>(PK.alert, id),
    getAlerts: async (ids) => {
      const sks = ids.map(idSortKey);
      const found = await getRows(
        table,
        PK.alert,
        sks.filter((sk): sk is string => sk !== null),
      );
      const now = nowSec();
      return sks.flatMap((sk) => {
        const row = sk === null ? undefined : found.get(sk);
        return row && isLive(row, now) ? [row.body as Alert] : [];
      });
    },
    listAlerts: (query) => list<Alert>(PK.alert, query, alertFilters(query), alertSources(query)),

    // Records stored before `alertCount` existed read in today's shape.
    getIncident: async (id) => {
      const incident = await getById<Incident>(PK.incident, id);
      return incident && upgradeIncident(incident);
    },
    listIncidents: async (query) => {
      const page = await list<Incident>(
        PK.incident,
        query,
        incidentFilters(query),
        incidentSources(query),
      );
      return { ...page, items: page.items.map(upgradeIncident) };
    },

    // Logs are bounded by count: their filters read at most that many rows.
    listLogs: (query) => list<LogEntry>(PK.log, query, logFilters(query)),
    pruneLogs: (keep) => pruneLogs(table, keep),

    listAudit: (query) =>
      list<AuditEvent>(PK.audit, query, auditFilters(query), auditSources(query)),

    getFault: (id) => getById<Fault>(PK.fault, id),
    listFaults: (query) => list<Fault>(PK.fault, query, []),

    getKillSwitch: async () =>
      ((await getBody(table, PK.killSwitch, KILLSWITCH_SK)) as KillSwitchState | undefined) ??
      structuredClone(initialKillSwitch),

    getCounters: async () => {
      const rows = await allRows(table, PK.counters);
      return Object.fromEntries(rows.map((row) => [String(row.sk), Number(row.n)]));
    },

    getKnowledge: async (namespace, key) => {
      if (key.length === 0) return undefined;
      const item = (await getLive(knowledgePk(namespace), key)) as KnowledgeItem | undefined;
      return item?.value;
    },
    listKnowledge: (namespace, query) =>
      queryPage<KnowledgeItem>(table, {
        pk: knowledgePk(namespace),
        query,
        conditions: liveAt(nowSec()),
        byKey: true,
      }),

    lastId: async (kind) => {
      const row = await newestRow(table, PK[kind]);
      return row ? (row.body as { id: string }).id : null;
    },

    setClock: (now) => {
      clock = now;
    },
    sweepExpired: async (max = 5000) => {
      const now = nowSec();
      if (now === undefined || !(await ready())) return 0;
      return sweepExpired(table, now, max);
    },
  };
};
