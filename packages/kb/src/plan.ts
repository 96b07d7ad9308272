import type { Incident, LogEntry } from '@watchfloor/domain';
import {
  alertIndexKeys,
  auditIndexKeys,
  expiryKey,
  type IndexAttributes,
  incidentIndexKeys,
  incidentServicePk,
} from './indexes.ts';
import { assertItemFits, recordName, storedBytes } from './item-size.ts';
import { KILLSWITCH_SK, knowledgePk, PK, requireIdSortKey } from './keys.ts';
import type { WriteBatch } from './repository.ts';
import {
  alertExpiry,
  auditExpiry,
  DEFAULT_RETENTION,
  faultExpiry,
  incidentExpiry,
  knowledgeExpiry,
  logExpiry,
  type RetentionPolicy,
} from './retention.ts';

/** One row of the single table as both adapters store it. */
export interface StoredItem {
  pk: string;
  sk: string;
  /** The domain object (or knowledge item), exactly as written. */
  body: unknown;
  /** Lowercase text that `q` filters search in. */
  search?: string;
  /** Epoch seconds (virtual time) from which the row is gone: reads hide it, sweeps and TTL drop it. */
  expiresAt?: number;
  /** Index key attributes (see `indexes.ts`), `expiryKey` included when the sweeper should find it. */
  index?: IndexAttributes;
}

export interface WritePlan {
  /** Deduplicated by key, the last write of a key winning. */
  items: StoredItem[];
  /** Incident -> service link rows (`INCIDENT#SVC#<service>`), for the DynamoDB store only. */
  links: StoredItem[];
  counters: [name: string, delta: number][];
}

/** What `q` searches in an incident: id, title, services and narrative. */
export const incidentSearchText = (incident: Incident): string =>
  [incident.id, incident.title, ...incident.services, incident.narrative ?? '']
    .join('\u001f')
    .toLowerCase();

export const logSearchText = (log: LogEntry): string => log.message.toLowerCase();

/** Validates a batch and turns it into rows; throws before anything is written. */
export const planWrite = (
  batch: WriteBatch,
  policy: RetentionPolicy = DEFAULT_RETENTION,
): WritePlan => {
  const rows = new Map<string, StoredItem>();
  const put = (row: StoredItem): void => {
    const key = `${row.pk}\u0000${row.sk}`;
    rows.delete(key);
    rows.set(key, row);
  };
  /** A row with its index keys; one that expires is also filed for the sweeper. */
  const row = (
    pk: string,
    sk: string,
    body: unknown,
    index: IndexAttributes,
    expiresAt: number | undefined,
  ): StoredItem => {
    if (expiresAt === undefined) return { pk, sk, body, index };
    return { pk, sk, body, expiresAt, index: { ...index, expiryKey: expiryKey(sk) } };
  };

  for (const a of batch.alerts ?? []) {
    put(row(PK.alert, requireIdSortKey(a.id), a, alertIndexKeys(a), alertExpiry(a, policy)));
  }
  const incidents = new Map<string, StoredItem>();
  for (const i of batch.incidents ?? []) {
    const sk = requireIdSortKey(i.id);
    const item = row(PK.incident, sk, i, incidentIndexKeys(i), incidentExpiry(i, policy));
    item.search = incidentSearchText(i);
    put(item);
    incidents.set(sk, item);
  }
  for (const l of batch.logs ?? []) {
    // Logs are bounded by count (pruneLogs), so they stay out of the sweeper's index.
    const expiresAt = logExpiry(l, policy);
    put({
      pk: PK.log,
      sk: requireIdSortKey(l.id),
      body: l,
      search: logSearchText(l),
      ...(expiresAt === undefined ? {} : { expiresAt }),
    });
  }
  for (const e of batch.audit ?? []) {
    put(row(PK.audit, requireIdSortKey(e.id), e, auditIndexKeys(e), auditExpiry(e, policy)));
  }
  for (const f of batch.faults ?? []) {
    put(row(PK.fault, requireIdSortKey(f.id), f, {}, faultExpiry(f, policy)));
  }
  if (batch.killSwitch) put({ pk: PK.killSwitch, sk: KILLSWITCH_SK, body: batch.killSwitch });
  for (const item of batch.knowledge ?? []) {
    if (item.key.length === 0) throw new TypeError('knowledge key must not be empty');
    const expiresAt = knowledgeExpiry(item.namespace, item.value, policy);
    put(row(knowledgePk(item.namespace), item.key, item, {}, expiresAt));
  }
  const links = [...incidents.values()].flatMap((item) =>
    (item.body as Incident).services.map((service) =>
      row(incidentServicePk(service), item.sk, null, {}, item.expiresAt),
    ),
  );

  const counters = Object.entries(batch.counters ?? {});
  for (const [name, delta] of counters) {
    if (name.length === 0) throw new TypeError('counter name must not be empty');
    if (!Number.isFinite(delta)) throw new TypeError(`counter ${name} delta is not finite`);
  }
  const items = [...rows.values()];
  // Refused here, before anything is written, rather than by the store on every retry.
  for (const item of items) assertItemFits(item);
  return { items, links, counters };
};

/**
 * The size DynamoDB counts for each item a batch would write, by record (`INCIDENT INC-000042`);
 * throws `ItemTooLargeError` as a write would, naming the record and its size.
 */
export const storedSizes = (batch: WriteBatch): Map<string, number> =>
  new Map(planWrite(batch).items.map((item) => [recordName(item), storedBytes(item)]));
