import { compareKeys } from './keys.ts';
import type { AlertQuery, AuditQuery, IncidentQuery, LogQuery, PageQuery } from './repository.ts';
import { isLive } from './retention.ts';

/**
 * One filter condition over a stored row, evaluated in memory or compiled to a DynamoDB
 * FilterExpression, so both adapters filter by the same definition.
 */
export type Condition =
  | { op: 'eq'; path: string[]; value: string }
  | { op: 'in'; path: string[]; values: string[] }
  /** substring of a string, or member of a list (DynamoDB `contains`) */
  | { op: 'contains'; path: string[]; value: string }
  | { op: 'gte'; path: string[]; value: string }
  /** not expired at `nowSec`: no `expiresAt`, or a later one */
  | { op: 'live'; nowSec: number };

type Filters = Condition[];

/** One list request as both adapters see it. */
export interface ListSpec {
  pk: string;
  query: PageQuery;
  conditions?: Condition[];
  /** Knowledge lists run by key, ascending; id lists run newest first. */
  byKey?: boolean;
}

const eq = (path: string[], value: string | undefined): Filters =>
  value === undefined ? [] : [{ op: 'eq', path, value }];
const anyOf = (path: string[], values: string[] | undefined): Filters =>
  values && values.length > 0 ? [{ op: 'in', path, values: [...new Set(values)] }] : [];
const contains = (path: string[], value: string | undefined): Filters =>
  value ? [{ op: 'contains', path, value }] : [];
const member = (path: string[], value: string | undefined): Filters =>
  value === undefined ? [] : [{ op: 'contains', path, value }];
const atOrAfter = (path: string[], value: string | undefined): Filters =>
  value ? [{ op: 'gte', path, value }] : [];
const search = (q: string | undefined): Filters => contains(['search'], q?.toLowerCase());

export const alertFilters = (q: AlertQuery): Filters => [
  ...eq(['body', 'status'], q.status),
  ...eq(['body', 'labels', 'service'], q.service),
  ...eq(['body', 'incidentId'], q.incidentId),
];

export const incidentFilters = (q: IncidentQuery): Filters => [
  ...anyOf(['body', 'status'], q.status),
  ...anyOf(['body', 'severity'], q.severity),
  ...member(['body', 'services'], q.service),
  ...search(q.q),
];

export const logFilters = (q: LogQuery): Filters => [
  ...atOrAfter(['body', 'at'], q.since),
  ...anyOf(['body', 'level'], q.levels),
  ...eq(['body', 'source'], q.source),
  ...search(q.q),
];

export const auditFilters = (q: AuditQuery): Filters => [
  ...eq(['body', 'actor'], q.actor),
  ...eq(['body', 'action'], q.action),
  ...eq(['body', 'target'], q.target),
  ...atOrAfter(['body', 'at'], q.since),
];

const valueAt = (row: unknown, path: string[]): unknown => {
  let at: unknown = row;
  for (const name of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at)) return undefined;
    at = (at as Record<string, unknown>)[name];
  }
  return at;
};

/** The liveness condition for a clock reading, or none without a clock. */
export const liveAt = (nowSec: number | undefined): Filters =>
  nowSec === undefined ? [] : [{ op: 'live', nowSec }];

const holds = (row: unknown, c: Condition): boolean => {
  if (c.op === 'live') return isLive(row as { expiresAt?: unknown }, c.nowSec);
  const v = valueAt(row, c.path);
  switch (c.op) {
    case 'eq':
      return v === c.value;
    case 'in':
      return typeof v === 'string' && c.values.includes(v);
    case 'contains':
      return typeof v === 'string' || Array.isArray(v) ? v.includes(c.value) : false;
    case 'gte':
      return typeof v === 'string' && compareKeys(v, c.value) >= 0;
  }
};

/** The in-memory reading of the conditions, matching DynamoDB's. */
export const matchesAll = (row: unknown, conditions: Condition[]): boolean =>
  conditions.every((c) => holds(row, c));
