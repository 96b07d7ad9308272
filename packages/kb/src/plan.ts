import type { Incident, LogEntry } from '@watchfloor/domain';
import { KILLSWITCH_SK, knowledgePk, PK, requireIdSortKey } from './keys.ts';
import type { WriteBatch } from './repository.ts';

/** One row of the single table as both adapters store it. */
export interface StoredItem {
  pk: string;
  sk: string;
  /** The domain object (or knowledge item), exactly as written. */
  body: unknown;
  /** Lowercase text that `q` filters search in. */
  search?: string;
  /** Epoch seconds after which DynamoDB TTL may drop the row (logs only). */
  expiresAt?: number;
}

export interface WritePlan {
  /** Deduplicated by key, the last write of a key winning. */
  items: StoredItem[];
  counters: [name: string, delta: number][];
}

const LOG_TTL_SECONDS = 7 * 24 * 60 * 60;

/** What `q` searches in an incident: id, title, services and narrative. */
export const incidentSearchText = (incident: Incident): string =>
  [incident.id, incident.title, ...incident.services, incident.narrative ?? '']
    .join('\u001f')
    .toLowerCase();

export const logSearchText = (log: LogEntry): string => log.message.toLowerCase();

/** Validates a batch and turns it into rows; throws before anything is written. */
export const planWrite = (batch: WriteBatch, nowMs: number = Date.now()): WritePlan => {
  const rows = new Map<string, StoredItem>();
  const put = (row: StoredItem): void => {
    const key = `${row.pk}\u0000${row.sk}`;
    rows.delete(key);
    rows.set(key, row);
  };
  const byId = (pk: string, items: { id: string }[] | undefined): void => {
    for (const body of items ?? []) put({ pk, sk: requireIdSortKey(body.id), body });
  };

  byId(PK.alert, batch.alerts);
  for (const body of batch.incidents ?? []) {
    put({
      pk: PK.incident,
      sk: requireIdSortKey(body.id),
      body,
      search: incidentSearchText(body),
    });
  }
  const expiresAt = Math.floor(nowMs / 1000) + LOG_TTL_SECONDS;
  for (const body of batch.logs ?? []) {
    put({
      pk: PK.log,
      sk: requireIdSortKey(body.id),
      body,
      search: logSearchText(body),
      expiresAt,
    });
  }
  byId(PK.audit, batch.audit);
  byId(PK.fault, batch.faults);
  if (batch.killSwitch) put({ pk: PK.killSwitch, sk: KILLSWITCH_SK, body: batch.killSwitch });
  for (const item of batch.knowledge ?? []) {
    if (item.key.length === 0) throw new TypeError('knowledge key must not be empty');
    put({ pk: knowledgePk(item.namespace), sk: item.key, body: item });
  }

  const counters = Object.entries(batch.counters ?? {});
  for (const [name, delta] of counters) {
    if (name.length === 0) throw new TypeError('counter name must not be empty');
    if (!Number.isFinite(delta)) throw new TypeError(`counter ${name} delta is not finite`);
  }
  return { items: [...rows.values()], counters };
};
