export interface BackoffOptions {
  /** Ceiling of the first retry's delay; doubles with each attempt. */
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1000, capMs: 5 * 60_000 };

/**
 * Delay before the next attempt, after `attempts` attempts have failed: exponential with
 * full jitter (uniform in [0, min(cap, base * 2^(attempts-1))) ), so receivers that come
 * back after an outage are not hit by every sender at once.
 */
export const retryDelayMs = (
  attempts: number,
  random: () => number,
  { baseMs, capMs }: BackoffOptions = DEFAULT_BACKOFF,
): number => {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempts - 1));
  const r = Math.min(Math.max(random(), 0), 1 - Number.EPSILON);
  return Math.floor(r * ceiling);
};
