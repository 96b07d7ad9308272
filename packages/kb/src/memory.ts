import {
  type Alert,
  type AuditEvent,
  type Fault,
  type Incident,
  initialKillSwitch,
  type KillSwitchState,
  type LogEntry,
  type Page,
  upgradeIncident,
} from '@watchfloor/domain';
import {
  alertFilters,
  auditFilters,
  incidentFilters,
  type ListSpec,
  liveAt,
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
import { planWrite, type StoredItem } from './plan.ts';
import type { IdKind, KnowledgeItem, Repository } from './repository.ts';
import { DEFAULT_RETENTION, isLive, type RetentionPolicy } from './retention.ts';
import { ID_PARTITIONS } from './sweep-rules.ts';

/**
 * The in-memory adapter, for unit tests and throwaway runs. Behaves like the DynamoDB one
 * (same keys, order, filters and cursors); values are cloned in and out.
 */
export const createMemoryRepository = (
  options: { retention?: RetentionPolicy } = {},
): Repository => {
  const policy = options.retention ?? DEFAULT_RETENTION;
  const partitions = new Map<string, Partition>();
  const counters = new Map<string, number>();
  let closed = false;
  let clock: (() => number) | undefined;
  const nowSec = (): number | undefined => (clock ? Math.floor(clock() / 1000) : undefined);
  const live = (row: StoredItem | undefined): StoredItem | undefined =>
    row && isLive(row, nowSec()) ? row : undefined;

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
    const row = live(sk === null ? undefined : partitions.get(pk)?.get(sk));
    return row ? structuredClone(row.body as T) : null;
  };

  const list = <T>({ pk, query, conditions = [], byKey = false }: ListSpec): Page<T> => {
    assertLimit(query.limit);
    const after = query.cursor === undefined ? undefined : decodeCursor(query.cursor, !byKey);
    const found = [];
    const all = [...liveAt(nowSec()), ...conditions];
    for (const row of partitions.get(pk)?.walk(byKey, after) ?? []) {
      if (!matchesAll(row, all)) continue;
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
      const plan = planWrite(batch, policy);
      for (const row of structuredClone(plan.items)) partition(row.pk).put(row);
      for (const [name, delta] of plan.counters)
        counters.set(name, (counters.get(name) ?? 0) + delta);
    },

    getAlert: async (id) => getById<Alert>(PK.alert, id),
    getAlerts: async (ids) =>
      ids.map((id) => getById<Alert>(PK.alert, id)).filter((a): a is Alert => a !== null),
    listAlerts: async (query) =>
      list<Alert>({ pk: PK.alert, query, conditions: alertFilters(query) }),

    getIncident: async (id) => {
      const incident = getById<Incident>(PK.incident, id);
      return incident && upgradeIncident(incident);
    },
    listIncidents: async (query) => {
      const page = list<Incident>({ pk: PK.incident, query, conditions: incidentFilters(query) });
      return { ...page, items: page.items.map(upgradeIncident) };
    },

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
      const row = live(partitions.get(PK.killSwitch)?.get(KILLSWITCH_SK));
      return structuredClone((row?.body as KillSwitchState | undefined) ?? initialKillSwitch);
    },

    getCounters: async () => Object.fromEntries(counters),

    getKnowledge: async (namespace, key) => {
      const row = live(partitions.get(knowledgePk(namespace))?.get(key));
      return structuredClone((row?.body as KnowledgeItem | undefined)?.value);
    },
    listKnowledge: async (namespace, query) =>
      list<KnowledgeItem>({ pk: knowledgePk(namespace), query, byKey: true }),

    lastId: async (kind: IdKind) => {
      const newest = partitions.get(PK[kind])?.walk(false).next();
      return newest?.value ? (newest.value.body as { id: string }).id : null;
    },

    setClock: (now) => {
      clock = now;
    },
    sweepExpired: async (max = 5000) => {
      const now = nowSec();
      if (now === undefined) return 0;
      let deleted = 0;
      for (const [pk, partition] of partitions) {
        const keep = ID_PARTITIONS.includes(pk)
          ? partition.walk(false).next().value?.sk
          : undefined;
        const doomed = [...partition]
          .filter((row) => row.index?.expiryKey && !isLive(row, now) && row.sk !== keep)
          .map((row) => row.sk);
        for (const sk of doomed.slice(0, max - deleted)) if (partition.delete(sk)) deleted++;
        if (deleted >= max) break;
      }
      return deleted;
    },
  };
};
