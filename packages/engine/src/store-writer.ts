import type { LogEntry } from '@watchfloor/domain';
import type { Repository, WriteBatch } from '@watchfloor/kb';
// The errors alone: the whole kb index would pull the embedded store into the Lambda bundle.
import { ItemTooLargeError } from '@watchfloor/kb/errors';
import { addCounts, BatchBuilder, withoutEntry } from './batch.ts';
import { EngineError } from './errors.ts';
import { type EngineEvent, eventsOf } from './events.ts';
import type { IdAllocator } from './ids.ts';
import type { Recorder } from './records.ts';

const MAX_LOGS_PER_WRITE = 400;
const PRUNE_EVERY_WRITES = 40;
/**
 * Logs are also pruned once a tenth of `logKeep` arrived since the last prune: at full speed
 * one write carries hundreds, so 40 writes let the store's logs swell by half over `logKeep`
 * (hours of virtual time) before a prune cut them back.
 */
const PRUNE_SLACK = 0.1;
const SWEEP_EVERY_MS = 10 * 60_000;

export interface StoreWriterOptions {
  /** Newest log entries kept in the store. */
  logKeep?: number;
  onEvent?: (event: EngineEvent) => void;
  onTiming?: (name: 'store_write', seconds: number) => void;
  onBackgroundError?: (error: unknown) => void;
}

/**
 * Every store write goes through here, so store health is known in one place: the batch the
 * loop is filling, its flush (with log pruning and retention sweeps), the id counters that
 * travel with each write, and records too large to store.
 */
export class StoreWriter {
  #pending = new BatchBuilder();
  /** Why the last write failed, while the store is unreachable; null when healthy. */
  #error: string | null = null;
  #writes = 0;
  #logsSincePrune = 0;
  #sweptAt = Number.NEGATIVE_INFINITY;
  #version = 0;
  /** Records the store refused as too large, reported once each. */
  readonly #oversized = new Set<string>();

  constructor(
    private readonly repo: Repository,
    private readonly ids: IdAllocator,
    private readonly records: Recorder,
    /** Virtual time: retention sweeps and the "not stored" log follow the simulation's clock. */
    private readonly virtualNow: () => Date,
    private readonly options: StoreWriterOptions,
  ) {}

  /** What the loop has produced and not yet stored. */
  get pending(): BatchBuilder {
    return this.#pending;
  }

  /** Why the store is unreachable; null when healthy. */
  get error(): string | null {
    return this.#error;
  }

  /** Grows with every successful store write. */
  get version(): number {
    return this.#version;
  }

  async flush(): Promise<void> {
    if (this.#pending.empty) return;
    const batch = this.#pending;
    const logs = trimLogs(batch.logs, MAX_LOGS_PER_WRITE);
    // A fresh batch before writing: what the write itself reports (a record left out) goes there.
    this.#pending = new BatchBuilder();
    try {
      await this.write({ ...batch.build(), logs });
    } catch (error) {
      batch.absorb(this.#pending);
      this.#pending = batch;
      throw error;
    }
    const keep = this.options.logKeep ?? 20_000;
    this.#logsSincePrune += logs.length;
    if (++this.#writes % PRUNE_EVERY_WRITES === 0 || this.#logsSincePrune > keep * PRUNE_SLACK) {
      this.#logsSincePrune = 0;
      await this.repo.pruneLogs(keep);
    }
    // Retention sweeps on virtual time, so a fast simulation sweeps as often as a slow one.
    const now = this.virtualNow().getTime();
    if (now - this.#sweptAt >= SWEEP_EVERY_MS) {
      this.#sweptAt = now;
      await this.repo.sweepExpired();
    }
  }

  /** Before a change: refuses up front while the store is known to be down, then flushes. */
  async ready(): Promise<void> {
    if (this.#error !== null) await this.#probe();
    await this.flush();
  }

  /** Stores a change already applied in memory; on failure it stays queued for the next flush. */
  async commit(batch: BatchBuilder): Promise<void> {
    try {
      await this.write(batch.build());
    } catch {
      this.#pending.absorb(batch);
      throw new EngineError(
        'store_unavailable',
        `Knowledge base became unreachable (${this.#error}); the change is kept and will be stored when it is back`,
      );
    }
  }

  async #probe(): Promise<void> {
    try {
      await this.repo.ping();
      this.#error = null;
    } catch (error) {
      this.#error = error instanceof Error ? error.message : String(error);
      throw new EngineError('store_unavailable', `Knowledge base unreachable: ${this.#error}`);
    }
  }

  async write(batch: WriteBatch): Promise<void> {
    // The id counters travel with the items that use the ids, so none is ever handed out twice.
    const issued = this.ids.takeIssued();
    try {
      const started = performance.now();
      await this.#storeFitting(addCounts(batch, issued));
      this.#version++;
      this.options.onTiming?.('store_write', (performance.now() - started) / 1000);
      this.#error = null;
      if (this.options.onEvent) for (const event of eventsOf(batch)) this.options.onEvent(event);
    } catch (error) {
      this.ids.giveBack(issued);
      this.#error = error instanceof Error ? error.message : String(error);
      throw new EngineError('store_unavailable', `Knowledge base unreachable: ${this.#error}`);
    }
  }

  /**
   * Writes the batch, leaving out any record too large for one store item (the kb refuses it
   * before writing anything): retrying could never succeed and would hold back every later
   * write. Each such record is reported once, on the Logs page and to the server log.
   */
  async #storeFitting(batch: WriteBatch): Promise<void> {
    for (;;) {
      try {
        return await this.repo.write(batch);
      } catch (error) {
        if (!(error instanceof ItemTooLargeError)) throw error;
        batch = withoutEntry(batch, error.entry);
        if (this.#oversized.has(error.record)) continue;
        this.#oversized.add(error.record);
        this.options.onBackgroundError?.(error);
        this.#pending.logs.push(
          this.records.log(
            'error',
            'engine',
            `Not stored: ${error.message}`,
            this.virtualNow().toISOString(),
          ),
        );
      }
    }
  }
}

/** Keeps every warning and error; drops the oldest info/debug lines past the cap. */
function trimLogs(logs: LogEntry[], cap: number): LogEntry[] {
  let excess = logs.length - cap;
  if (excess <= 0) return logs;
  return logs.filter((entry) => {
    if (excess > 0 && (entry.level === 'info' || entry.level === 'debug')) {
      excess--;
      return false;
    }
    return true;
  });
}
