import type { AuditEvent, LogEntry } from '@watchfloor/domain';
import type { Actor } from './errors.ts';
import type { IdAllocator } from './ids.ts';

export interface AuditChange {
  before?: unknown;
  after?: unknown;
  result?: AuditEvent['result'];
}

/** Makes log entries and audit events, numbered from the shared id allocator. */
export class Recorder {
  constructor(
    private readonly ids: IdAllocator,
    private readonly now: () => string,
  ) {}

  log(
    level: LogEntry['level'],
    source: string,
    message: string,
    at: string,
    extra: { service?: string; host?: string } = {},
  ): LogEntry {
    const entry: LogEntry = { id: this.ids.next('log'), at, level, source, message };
    if (extra.service) entry.service = extra.service;
    if (extra.host) entry.host = extra.host;
    return entry;
  }

  audit(who: Actor, action: string, target: string, change: AuditChange): AuditEvent {
    const event: AuditEvent = {
      id: this.ids.next('audit'),
      at: this.now(),
      actor: who.actor,
      action,
      target,
      requestId: who.requestId,
      result: change.result ?? 'ok',
    };
    if (change.before !== undefined) event.before = change.before;
    if (change.after !== undefined) event.after = change.after;
    return event;
  }
}
