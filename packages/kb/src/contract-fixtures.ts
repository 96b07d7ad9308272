import {
  type Alert,
  type AuditEvent,
  type Fault,
  formatId,
  type Incident,
  type LogEntry,
  type Page,
  parseIdNumber,
} from '@watchfloor/domain';

const BASE = Date.UTC(2026, 0, 5);

/** A deterministic ISO time `seconds` after a fixed start. */
export const iso = (seconds: number): string => new Date(BASE + seconds * 1000).toISOString();

export const alert = (n: number, over: Partial<Alert> = {}): Alert => ({
  id: formatId('ALT', n),
  fingerprint: `fp-${n}`,
  status: 'firing',
  labels: { alertname: 'HighLatency', service: 'checkout', severity: 'warning' },
  annotations: { summary: 'p95 latency above 800 ms' },
  startsAt: iso(n),
  endsAt: null,
  receivedAt: iso(n),
  source: 'simulator',
  incidentId: null,
  ...over,
});

export const incident = (n: number, over: Partial<Incident> = {}): Incident => ({
  id: formatId('INC', n),
  title: 'Latency on checkout',
  status: 'open',
  severity: 'high',
  alertIds: [formatId('ALT', n)],
  alertCount: 1,
  services: ['checkout'],
  suspectedRoot: { service: 'checkout', confidence: 0.8, reason: 'first to alert' },
  groupKey: `g-${n}`,
  timeline: [{ at: iso(n), kind: 'opened', message: 'opened' }],
  createdAt: iso(n),
  updatedAt: iso(n),
  acknowledgedAt: null,
  resolvedAt: null,
  narrative: null,
  ...over,
});

export const log = (n: number, over: Partial<LogEntry> = {}): LogEntry => ({
  id: formatId('LOG', n),
  at: iso(n),
  level: 'info',
  source: 'engine',
  message: `tick ${n}`,
  ...over,
});

export const audit = (n: number, over: Partial<AuditEvent> = {}): AuditEvent => ({
  id: formatId('AUD', n),
  at: iso(n),
  actor: 'operator',
  action: 'incident.ack',
  target: formatId('INC', n),
  requestId: null,
  result: 'ok',
  ...over,
});

export const fault = (n: number, over: Partial<Fault> = {}): Fault => ({
  id: formatId('FLT', n),
  scenario: 'db_saturation',
  rootService: 'orders-db',
  startedAt: iso(n),
  endsAt: iso(n + 600),
  endedAt: null,
  affected: [
    { service: 'orders-db', at: iso(n), via: null },
    { service: 'orders', at: iso(n + 30), via: 'orders-db' },
  ],
  alertIds: [formatId('ALT', n), formatId('ALT', n + 1)],
  injectedBy: 'operator',
  ...over,
});

/** Ids newest first, the order every id list promises. */
export const newestFirst = <T extends { id: string }>(items: T[]): string[] =>
  items.map((i) => i.id).sort((a, b) => (parseIdNumber(b) ?? 0) - (parseIdNumber(a) ?? 0));

/** Deterministic shuffle, so writes do not arrive in id order. */
export const shuffled = <T>(items: T[]): T[] =>
  items
    .map((item, i) => ({ item, k: (i * 7919) % 104_729 }))
    .sort((a, b) => a.k - b.k)
    .map(({ item }) => item);

/**
 * Follows `nextCursor` to the end; checks that every page but the last is full and that
 * the last says there is nothing more.
 */
export const walkPages = async <T>(
  limit: number,
  list: (cursor: string | undefined) => Promise<Page<T>>,
): Promise<{ items: T[]; pages: number; fullPages: boolean }> => {
  const items: T[] = [];
  let cursor: string | undefined;
  let pages = 0;
  let fullPages = true;
  for (;;) {
    const page = await list(cursor);
    pages++;
    items.push(...page.items);
    if (page.nextCursor === null) {
      if (page.items.length > limit || (pages > 1 && page.items.length === 0)) fullPages = false;
      return { items, pages, fullPages };
    }
    if (page.items.length !== limit) fullPages = false;
    cursor = page.nextCursor;
    if (pages > 10_000) throw new Error('pagination does not end');
  }
};
