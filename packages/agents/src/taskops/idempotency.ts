export interface LedgerOptions {
  /** How long a key is remembered, in ms of the caller's clock; default one hour. */
  windowMs?: number;
  /** Most keys kept; the oldest go first; default 1,000. */
  capacity?: number;
}

interface Entry<T> {
  at: number;
  value: Promise<T>;
}

/**
 * Remembers the first result per idempotency key for a while, so a retried request gets that
 * result instead of acting twice. Bounded and pure: the caller passes the time in.
 * @example
 * const ledger = new IdempotencyLedger<Task>();
 * await ledger.once('k1', nowMs, () => run()); // runs
 * await ledger.once('k1', nowMs + 5, () => run()); // the first result, no second run
 */
export class IdempotencyLedger<T> {
  readonly #windowMs: number;
  readonly #capacity: number;
  readonly #entries = new Map<string, Entry<T>>();

  constructor(options: LedgerOptions = {}) {
    this.#windowMs = options.windowMs ?? 3_600_000;
    this.#capacity = options.capacity ?? 1000;
    if (!(this.#windowMs > 0)) throw new RangeError('windowMs must be positive');
    if (!(Number.isInteger(this.#capacity) && this.#capacity > 0)) {
      throw new RangeError('capacity must be a positive whole number');
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  /** The remembered result for `key`, or undefined when unknown or expired. */
  get(key: string, now: number): Promise<T> | undefined {
    this.#prune(now);
    return this.#entries.get(key)?.value;
  }

  /**
   * Runs `run` the first time a key is seen within the window; later calls (even while the
   * first is still running) share its result. A run that throws is forgotten, so it may retry.
   */
  once(key: string, now: number, run: () => Promise<T>): Promise<T> {
    const known = this.get(key, now);
    if (known) return known;
    const value = run();
    this.#entries.set(key, { at: now, value });
    value.catch(() => {
      if (this.#entries.get(key)?.value === value) this.#entries.delete(key);
    });
    while (this.#entries.size > this.#capacity) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
    return value;
  }

  #prune(now: number): void {
    for (const [key, entry] of this.#entries) {
      if (now - entry.at < this.#windowMs) continue;
      this.#entries.delete(key);
    }
  }
}
