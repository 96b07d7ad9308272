export type BreakerState = 'closed' | 'open' | 'half-open';

export interface BreakerOptions {
  /** Consecutive failures that open the breaker. Default 3. */
  failureThreshold?: number;
  /** How long it stays open before one trial call is let through. Default 30 s. */
  cooldownMs?: number;
  /** Milliseconds; injected so tests can move time. Default `Date.now`. */
  now?: () => number;
}

/**
 * Circuit breaker: closed -> open after N consecutive failures -> half-open after a cooldown
 * (one trial call) -> closed on its success, open again on its failure.
 */
export class CircuitBreaker {
  readonly #threshold: number;
  readonly #cooldownMs: number;
  readonly #now: () => number;
  #failures = 0;
  #openedAt: number | null = null;
  #trialInFlight = false;

  constructor(options: BreakerOptions = {}) {
    this.#threshold = Math.max(1, options.failureThreshold ?? 3);
    this.#cooldownMs = options.cooldownMs ?? 30_000;
    this.#now = options.now ?? Date.now;
  }

  get state(): BreakerState {
    if (this.#openedAt === null) return 'closed';
    return this.#now() - this.#openedAt >= this.#cooldownMs ? 'half-open' : 'open';
  }

  /** Whether a call may go out now; in half-open only one trial at a time. */
  tryAcquire(): boolean {
    const state = this.state;
    if (state === 'closed') return true;
    if (state === 'open' || this.#trialInFlight) return false;
    this.#trialInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.#failures = 0;
    this.#openedAt = null;
    this.#trialInFlight = false;
  }

  recordFailure(): void {
    this.#failures += 1;
    if (this.#trialInFlight || this.#failures >= this.#threshold) this.#openedAt = this.#now();
    this.#trialInFlight = false;
  }

  /** The call ended without saying anything about the service (e.g. the caller cancelled). */
  release(): void {
    this.#trialInFlight = false;
  }
}
