import {
  type Alert,
  type AuditEvent,
  type Fault,
  type Incident,
  initialKillSwitch,
  type KillSwitchState,
  type LogEntry,
  type Page,
} from '@watchfloor/domain';
import {
  alertFilters,
  auditFilters,
  incidentFilters,
  type ListSpec,
  logFilters,
  matchesAll,
} from './filters.ts';
import {
  assertKeep,
  assertLimit,
  decodeCursor,
  encodeCursor,
  idSortKey,
  KILLSWITCH_SK,
  knowledgePk,
  PK,
} from './keys.ts';
import { Partition } from './partition.ts';
import { planWrite } from './plan.ts';
import type { IdKind, KnowledgeItem, Repository } from './repository.ts';

/**
 * The in-memory adapter, for unit tests and throwaway runs. Behaves like the DynamoDB one
 * (same keys, order, filters and cursors); values are cloned in and out.
 */
export const createMemoryRepository = (): Repository => {
  const partitions = new Map<string, Partition>();
  const counters = new Map<string, number>();
  let closed = false;

  const partition = (pk: string): Partition => {
    let p = partitions.get(pk);
    if (!p) {
      p = new Partition();
      partitions.set(pk, p);
    }
    return p;
  };

  const getById = <T>(pk: string, id: string): T | null => {
    const sk = idSortKey(id);
    const row = sk === null ? undefined : partitions.get(pk)?.get(sk);
    return row ? structuredClone(row.body as T) : null;
  };

  const list = <T>({ pk, query, conditions = [], byKey = false }: ListSpec): Page<T> => {
    assertLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, !byKey);
    const found = [];
    for (const row of partitions.get(pk)?.walk(byKey, after) ?? []) {
      if (!matchesAll(row, conditions)) continue;
      found.push(row);
      if (found.length > query.limit) break;
    }
    const rows = found.slice(0, query.limit);
    const last = rows.at(-1);
    return {
      items: rows.map((row) => structuredClone(row.body as T)),
      nextCursor: found.length > query.limit && last ? encodeCursor(last.sk) : null,
    };
  };

  return {
    kind: 'memory',
    ping: async () => {
      if (closed) throw new Error('memory repository is closed');
    },
    close: async () => {
      closed = true;
    },

    write: async (batch) => {
      const plan = planWrite(batch);
      for (const row of structuredClone(plan.items)) partition(row.pk).put(row);
      for (const [name, delta] of plan.counters)
        counters.set(name, (counters.get(name) ?? 0) + delta);
    },

    getAlert: async (id) => getById<Alert>(PK.alert, id),
    getAlerts: async (ids) =>
      ids.map((id) => getById<Alert>(PK.alert, id)).filter((a): a is Alert => a !== null),
    listAlerts: async (query) =>
      list<Alert>({ pk: PK.alert, query, conditions: alertFilters(query) }),

    getIncident: async (id) => getById<Incident>(PK.incident, id),
    listIncidents: async (query) =>
      list<Incident>({ pk: PK.incident, query, conditions: incidentFilters(query) }),

    listLogs: async (query) => list<LogEntry>({ pk: PK.log, query, conditions: logFilters(query) }),
    pruneLogs: async (keep) => {
      assertKeep(keep);
      const logs = partitions.get(PK.log);
      return logs ? logs.dropFirst(logs.size - keep) : 0;
    },

    listAudit: async (query) =>
      list<AuditEvent>({ pk: PK.audit, query, conditions: auditFilters(query) }),

    getFault: async (id) => getById<Fault>(PK.fault, id),
    listFaults: async (query) => list<Fault>({ pk: PK.fault, query }),

    getKillSwitch: async () => {
      const row = partitions.get(PK.killSwitch)?.get(KILLSWITCH_SK);
      return structuredClone((row?.body as KillSwitchState | undefined) ?? initialKillSwitch);
    },

    getCounters: async () => Object.fromEntries(counters),

    getKnowledge: async (namespace, key) => {
      const row = partitions.get(knowledgePk(namespace))?.get(key);
      return structuredClone((row?.body as KnowledgeItem | undefined)?.value);
    },
    listKnowledge: async (namespace, query) =>
      list<KnowledgeItem>({ pk: knowledgePk(namespace), query, byKey: true }),

    lastId: async (kind: IdKind) => {
      const newest = partitions.get(PK[kind])?.walk(false).next();
      return newest?.value ? (newest.value.body as { id: string }).id : null;
    },
  };
};
