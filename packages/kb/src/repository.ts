import type {
  Alert,
  AlertStatus,
  AuditEvent,
  Fault,
  Incident,
  IncidentSeverity,
  IncidentStatus,
  KillSwitchState,
  LogEntry,
  LogLevel,
  Page,
} from '@watchfloor/domain';

export type StoreKind = 'memory' | 'embedded' | 'dynamodb';

/** Everything one logical change writes. Items are upserts keyed by `id`. */
export interface WriteBatch {
  alerts?: Alert[];
  incidents?: Incident[];
  logs?: LogEntry[];
  audit?: AuditEvent[];
  faults?: Fault[];
  killSwitch?: KillSwitchState;
  /** Added atomically to the named counters (negative to subtract). */
  counters?: Record<string, number>;
  knowledge?: KnowledgeItem[];
}

export interface KnowledgeItem {
  namespace: string;
  key: string;
  value: unknown;
}

export interface PageQuery {
  /** 1..500 */
  limit: number;
  cursor?: string | undefined;
}

export interface AlertQuery extends PageQuery {
  status?: AlertStatus | undefined;
  /** matches `labels.service` */
  service?: string | undefined;
  incidentId?: string | undefined;
}

export interface IncidentQuery extends PageQuery {
  status?: IncidentStatus[] | undefined;
  severity?: IncidentSeverity[] | undefined;
  /** incidents whose `services` include it */
  service?: string | undefined;
  /** case-insensitive substring of id, title, services, narrative */
  q?: string | undefined;
}

export interface LogQuery extends PageQuery {
  /** ISO time; entries at or after it */
  since?: string | undefined;
  levels?: LogLevel[] | undefined;
  source?: string | undefined;
  /** case-insensitive substring of the message */
  q?: string | undefined;
}

export interface AuditQuery extends PageQuery {
  actor?: string | undefined;
  action?: string | undefined;
  target?: string | undefined;
  since?: string | undefined;
}

export type IdKind = 'alert' | 'incident' | 'log' | 'audit' | 'fault';

/**
 * The knowledge base: one interface, three adapters (memory for unit tests, DynamoDB on
 * AWS or on the embedded dynalite server). Lists are newest first (by id number) and
 * paginate with an opaque cursor; a filtered page still holds up to `limit` matches.
 * A cursor the store did not hand out rejects with `InvalidCursorError`, a limit outside
 * 1..500 with a RangeError.
 */
export interface Repository {
  readonly kind: StoreKind;
  /** Resolves when the store answers; rejects with the reason otherwise. */
  ping(): Promise<void>;
  close(): Promise<void>;
  /**
   * Embedded store only: compacts LevelDB now (superseded versions, deleted rows and the
   * write-ahead log dropped) and resolves when done. Other stores leave it out.
   */
  compactNow?(): Promise<void>;

  write(batch: WriteBatch): Promise<void>;

  getAlert(id: string): Promise<Alert | null>;
  getAlerts(ids: string[]): Promise<Alert[]>;
  listAlerts(query: AlertQuery): Promise<Page<Alert>>;

  getIncident(id: string): Promise<Incident | null>;
  listIncidents(query: IncidentQuery): Promise<Page<Incident>>;

  listLogs(query: LogQuery): Promise<Page<LogEntry>>;
  /** Deletes the oldest log entries so at most `keep` remain; returns how many went. */
  pruneLogs(keep: number): Promise<number>;

  listAudit(query: AuditQuery): Promise<Page<AuditEvent>>;

  getFault(id: string): Promise<Fault | null>;
  listFaults(query: PageQuery): Promise<Page<Fault>>;

  /** The initial (released) state when none was ever written. */
  getKillSwitch(): Promise<KillSwitchState>;

  getCounters(): Promise<Record<string, number>>;

  /** The stored value, or undefined when the key was never written. */
  getKnowledge(namespace: string, key: string): Promise<unknown>;
  /** Ascending by key (code point order), unlike the id lists. */
  listKnowledge(namespace: string, query: PageQuery): Promise<Page<KnowledgeItem>>;

  /**
   * The highest id of a kind written so far, so id counters survive restarts (expired
   * items count: the sweeper keeps the newest item of each kind for this).
   */
  lastId(kind: IdKind): Promise<string | null>;

  /**
   * The clock that retention reads (the engine's virtual time, epoch ms). From then on no
   * read returns an item whose `expiresAt` has passed, swept or not. Without one nothing
   * expires.
   */
  setClock(now: () => number): void;
  /**
   * Deletes up to `max` expired items (see `RetentionPolicy`), paging through the expiry
   * index; returns how many went. Keeps the newest item of each id kind, which `lastId`
   * numbers from (hidden from reads all the same). Does nothing without a clock.
   */
  sweepExpired(max?: number): Promise<number>;
}
