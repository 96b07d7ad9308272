import type {
  Alert,
  AuditEvent,
  Fault,
  Incident,
  KillSwitchState,
  LogEntry,
} from '@watchfloor/domain';
import type { KnowledgeItem, WriteBatch } from '@watchfloor/kb';

/** Collects one logical change; the same id written twice keeps its latest version. */
export class BatchBuilder {
  readonly alerts = new Map<string, Alert>();
  readonly incidents = new Map<string, Incident>();
  readonly faults = new Map<string, Fault>();
  readonly logs: LogEntry[] = [];
  readonly audit: AuditEvent[] = [];
  readonly counters: Record<string, number> = {};
  readonly knowledge: KnowledgeItem[] = [];
  killSwitch: KillSwitchState | undefined;

  count(name: string, by = 1): void {
    this.counters[name] = (this.counters[name] ?? 0) + by;
  }

  /** Folds another batch in (it was applied in memory but not yet stored). */
  absorb(other: BatchBuilder): void {
    for (const [id, v] of other.alerts) this.alerts.set(id, v);
    for (const [id, v] of other.incidents) this.incidents.set(id, v);
    for (const [id, v] of other.faults) this.faults.set(id, v);
    this.logs.push(...other.logs);
    this.audit.push(...other.audit);
    this.knowledge.push(...other.knowledge);
    for (const [name, by] of Object.entries(other.counters)) this.count(name, by);
    if (other.killSwitch) this.killSwitch = other.killSwitch;
  }

  get empty(): boolean {
    return (
      this.alerts.size + this.incidents.size + this.faults.size + this.logs.length === 0 &&
      this.audit.length + this.knowledge.length === 0 &&
      Object.keys(this.counters).length === 0 &&
      this.killSwitch === undefined
    );
  }

  build(): WriteBatch {
    return {
      alerts: [...this.alerts.values()],
      incidents: [...this.incidents.values()],
      faults: [...this.faults.values()],
      logs: this.logs,
      audit: this.audit,
      counters: this.counters,
      knowledge: this.knowledge,
      ...(this.killSwitch ? { killSwitch: this.killSwitch } : {}),
    };
  }
}

/** The batch with `extra` added to its counters. */
export const addCounts = (batch: WriteBatch, extra: Record<string, number>): WriteBatch => {
  if (Object.keys(extra).length === 0) return batch;
  const counters = { ...batch.counters };
  for (const [name, by] of Object.entries(extra)) counters[name] = (counters[name] ?? 0) + by;
  return { ...batch, counters };
};

/** The batch without one entry (compared by identity), e.g. a record too large to store. */
export const withoutEntry = (batch: WriteBatch, entry: unknown): WriteBatch => {
  const keep = <T>(items: T[] | undefined) => items?.filter((item) => item !== entry);
  return {
    ...batch,
    alerts: keep(batch.alerts),
    incidents: keep(batch.incidents),
    logs: keep(batch.logs),
    audit: keep(batch.audit),
    faults: keep(batch.faults),
    knowledge: keep(batch.knowledge),
  };
};
