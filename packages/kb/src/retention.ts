import type {
  Alert,
  AuditEvent,
  Fault,
  Incident,
  LogEntry,
  PatchPlan,
  Task,
} from '@watchfloor/domain';

const HOUR_MS = 60 * 60 * 1000;
const DAY_MS = 24 * HOUR_MS;

/** The closing time (ISO) of a knowledge value, or null while it is still open. */
export type KnowledgeCloser = (value: unknown) => string | null;

/**
 * How long records stay, in the simulation's (virtual) time. Open things never expire: an
 * item gets `expiresAt` (epoch seconds) only once it is closed, and loses it if it reopens.
 */
export interface RetentionPolicy {
  /** Resolved incidents and alerts, ended faults, finished tasks and rollouts. */
  closedMs: number;
  /** Audit events, counted from when they happened: the audit trail outlives what it records. */
  auditMs: number;
  /** Log entries (also bounded by count, see `pruneLogs`). */
  logMs: number;
  /** Knowledge namespaces whose values close; the rest (learning, configs) are kept. */
  knowledge: Record<string, KnowledgeCloser>;
}

const TASK_DONE = new Set<string>(['succeeded', 'failed', 'blocked', 'dry_run']);
const ROLLOUT_DONE = new Set<string>(['completed', 'rolled_back', 'failed']);

/** The engine's task and rollout namespaces (`TASKS_NS`, `PATCHES_NS`). */
export const closedTask: KnowledgeCloser = (value) => {
  const task = value as Partial<Task> | null;
  if (!task || !TASK_DONE.has(String(task.status))) return null;
  return task.finishedAt ?? task.requestedAt ?? null;
};
export const closedRollout: KnowledgeCloser = (value) => {
  const plan = value as Partial<PatchPlan> | null;
  if (!plan || !ROLLOUT_DONE.has(String(plan.state))) return null;
  return plan.updatedAt ?? null;
};

export const DEFAULT_RETENTION: RetentionPolicy = {
  closedMs: 7 * DAY_MS,
  auditMs: 30 * DAY_MS,
  logMs: 7 * DAY_MS,
  knowledge: { tasks: closedTask, patches: closedRollout },
};

/** Windows a deployment may change (WATCHFLOOR_RETENTION_HOURS, WATCHFLOOR_AUDIT_RETENTION_HOURS). */
export interface RetentionWindows {
  closedHours?: number | undefined;
  auditHours?: number | undefined;
  logHours?: number | undefined;
}

export const retentionPolicy = (windows: RetentionWindows = {}): RetentionPolicy => ({
  ...DEFAULT_RETENTION,
  ...(windows.closedHours === undefined ? {} : { closedMs: windows.closedHours * HOUR_MS }),
  ...(windows.auditHours === undefined ? {} : { auditMs: windows.auditHours * HOUR_MS }),
  ...(windows.logHours === undefined ? {} : { logMs: windows.logHours * HOUR_MS }),
});

/** `at + ms` as epoch seconds, or undefined when `at` is missing or not a time. */
const after = (at: string | null | undefined, ms: number): number | undefined => {
  const t = at ? Date.parse(at) : Number.NaN;
  return Number.isFinite(t) ? Math.floor((t + ms) / 1000) : undefined;
};

export const alertExpiry = (a: Alert, p: RetentionPolicy): number | undefined =>
  a.status === 'resolved' ? after(a.endsAt ?? a.receivedAt, p.closedMs) : undefined;

export const incidentExpiry = (i: Incident, p: RetentionPolicy): number | undefined =>
  i.status === 'resolved' ? after(i.resolvedAt ?? i.updatedAt, p.closedMs) : undefined;

export const faultExpiry = (f: Fault, p: RetentionPolicy): number | undefined =>
  f.endedAt ? after(f.endedAt, p.closedMs) : undefined;

export const auditExpiry = (e: AuditEvent, p: RetentionPolicy): number | undefined =>
  after(e.at, p.auditMs);

export const logExpiry = (l: LogEntry, p: RetentionPolicy): number | undefined =>
  after(l.at, p.logMs);

export const knowledgeExpiry = (
  namespace: string,
  value: unknown,
  p: RetentionPolicy,
): number | undefined => {
  const closer = p.knowledge[namespace];
  return closer ? after(closer(value), p.closedMs) : undefined;
};

/** Whether a row is still there at `nowSec` (no clock: everything is). */
export const isLive = (row: { expiresAt?: unknown }, nowSec: number | undefined): boolean =>
  nowSec === undefined || typeof row.expiresAt !== 'number' || row.expiresAt > nowSec;
