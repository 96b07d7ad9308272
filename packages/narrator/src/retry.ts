import { sleep } from './sleep.ts';

export interface RetryOptions {
  /** Retries after the first attempt. Default 2. */
  retries?: number;
  /** Backoff cap before jitter is `baseDelayMs * 2^retry`. Default 200 ms. */
  baseDelayMs?: number;
  /** Upper bound of one backoff. Default 2 s. */
  maxDelayMs?: number;
  /** In [0, 1); injected so tests are deterministic. Default `Math.random`. */
  random?: () => number;
  /** Stops waiting and retrying once aborted. */
  signal?: AbortSignal;
  /** Whether a failure is worth another attempt. Default: every failure. */
  isRetryable?: (error: unknown) => boolean;
}

/** Full jitter: a uniform delay between 0 and the capped exponential backoff. */
export const backoffMs = (
  retry: number,
  random: () => number,
  baseDelayMs: number,
  maxDelayMs: number,
): number => Math.floor(random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry));

/**
 * Runs `attempt` until it succeeds, a failure is not retryable, or retries run out;
 * rejects with the last failure.
 * @example await retry((n) => send(n), { retries: 2, random: () => 0.5 })
 */
export async function retry<T>(
  attempt: (attemptNumber: number) => Promise<T>,
  options: RetryOptions = {},
): Promise<T> {
  const retries = options.retries ?? 2;
  const random = options.random ?? Math.random;
  const isRetryable = options.isRetryable ?? (() => true);
  for (let n = 0; ; n += 1) {
    try {
      return await attempt(n + 1);
    } catch (error) {
      if (n >= retries || options.signal?.aborted || !isRetryable(error)) throw error;
      const delay = backoffMs(n, random, options.baseDelayMs ?? 200, options.maxDelayMs ?? 2000);
      await sleep(delay, options.signal);
    }
  }
}
