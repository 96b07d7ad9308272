import type { Alert, AuditEvent, Incident } from '@watchfloor/domain';
import { PK } from './keys.ts';
import type { AlertQuery, AuditQuery, IncidentQuery } from './repository.ts';

/**
 * The table's global secondary indexes. Each is sparse (only items carrying its key
 * attribute are in it), KEYS_ONLY (lists read bodies from the table, consistently, and
 * re-check them), and sorted by the item's own `sk`, so an index partition is already
 * newest first like the table's. Key values start with the item's kind.
 */
export const INDEXES = [
  /** alerts by status (`ALERT#firing`), incidents by status (`INCIDENT#open`) */
  { name: 'byStatus', hash: 'statusKey' },
  /** alerts by `labels.service` */
  { name: 'byService', hash: 'serviceKey' },
  /** alerts by the incident they belong to (placed alerts only) */
  { name: 'byIncident', hash: 'incidentKey' },
  /** audit events by target (an incident's trail on its detail page) */
  { name: 'byTarget', hash: 'targetKey' },
  /** audit events by actor */
  { name: 'byActor', hash: 'actorKey' },
  /** audit events by action */
  { name: 'byAction', hash: 'actionKey' },
] as const;

/** Items with an expiry, by when they expire: what the sweeper pages through. */
export const EXPIRY_INDEX = { name: 'byExpiry', hash: 'expiryKey', range: 'expiresAt' } as const;

/** Shards of the expiry index, so no one index partition takes every write on AWS. */
export const EXPIRY_SHARDS = 4;

export type IndexName = (typeof INDEXES)[number]['name'];
type HashAttribute = (typeof INDEXES)[number]['hash'];
export type IndexAttributes = Partial<Record<HashAttribute | 'expiryKey', string>>;

/** Incidents are listed by service through one link row per service (a list cannot key an index). */
export const incidentServicePk = (service: string): string => `${PK.incident}#SVC#${service}`;

const key = (kind: string, value: string | null | undefined): string | undefined =>
  value === null || value === undefined || value === '' ? undefined : `${kind}#${value}`;

const defined = (attrs: IndexAttributes): IndexAttributes =>
  Object.fromEntries(Object.entries(attrs).filter(([, v]) => v !== undefined));

export const alertIndexKeys = (a: Alert): IndexAttributes =>
  defined({
    statusKey: key(PK.alert, a.status),
    serviceKey: key(PK.alert, a.labels.service),
    incidentKey: key(PK.alert, a.incidentId),
  });

export const incidentIndexKeys = (i: Incident): IndexAttributes =>
  defined({ statusKey: key(PK.incident, i.status) });

export const auditIndexKeys = (e: AuditEvent): IndexAttributes =>
  defined({
    targetKey: key(PK.audit, e.target),
    actorKey: key(PK.audit, e.actor),
    actionKey: key(PK.audit, e.action),
  });

export const expiryKey = (sk: string): string => {
  let h = 0;
  for (const c of sk) h = (h * 31 + (c.codePointAt(0) ?? 0)) % 1_000_003;
  return `EXPIRY#${h % EXPIRY_SHARDS}`;
};

/** Where a list's candidates come from: a table partition or an index partition. */
export interface KeySource {
  /** Undefined: the table itself, `hashValue` being a `pk`. */
  index?: IndexName;
  hashValue: string;
}

/** The most selective index for an alert list, or undefined to read the partition. */
export const alertSources = (q: AlertQuery): KeySource[] | undefined => {
  if (q.incidentId) return [{ index: 'byIncident', hashValue: `${PK.alert}#${q.incidentId}` }];
  if (q.service) return [{ index: 'byService', hashValue: `${PK.alert}#${q.service}` }];
  if (q.status) return [{ index: 'byStatus', hashValue: `${PK.alert}#${q.status}` }];
  return undefined;
};

/** Service links first (a few percent of incidents), then one index partition per status. */
export const incidentSources = (q: IncidentQuery): KeySource[] | undefined => {
  if (q.service) return [{ hashValue: incidentServicePk(q.service) }];
  if (q.status && q.status.length > 0) {
    return [...new Set(q.status)].map((s) => ({
      index: 'byStatus' as const,
      hashValue: `${PK.incident}#${s}`,
    }));
  }
  return undefined;
};

export const auditSources = (q: AuditQuery): KeySource[] | undefined => {
  if (q.target) return [{ index: 'byTarget', hashValue: `${PK.audit}#${q.target}` }];
  if (q.action) return [{ index: 'byAction', hashValue: `${PK.audit}#${q.action}` }];
  if (q.actor) return [{ index: 'byActor', hashValue: `${PK.audit}#${q.actor}` }];
  return undefined;
};
