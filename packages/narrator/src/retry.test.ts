import { describe, expect, it } from 'vitest';
import { backoffMs, retry } from './retry.ts';

describe('retry', () => {
  it('draws each backoff uniformly below the capped exponential', () => {
    expect([0, 1, 2, 3].map((n) => backoffMs(n, () => 0.999, 200, 1000))).toEqual([
      199, 399, 799, 999,
    ]);
    expect(backoffMs(2, () => 0.5, 200, 1000)).toBe(400);
    expect(backoffMs(5, () => 0, 200, 1000)).toBe(0);
  });

  it('returns the first success', async () => {
    let calls = 0;
    const result = await retry(
      async (n) => {
        calls += 1;
        if (n < 3) throw new Error('flaky');
        return 'ok';
      },
      { retries: 2, baseDelayMs: 1, random: () => 0 },
    );
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the retries with the last failure', async () => {
    let calls = 0;
    const run = retry(
      async (n) => {
        calls += 1;
        throw new Error(`failure ${n}`);
      },
      { retries: 2, baseDelayMs: 1, random: () => 0 },
    );
    await expect(run).rejects.toThrow('failure 3');
    expect(calls).toBe(3);
  });

  it('does not retry a failure that is not retryable', async () => {
    let calls = 0;
    const run = retry(
      async () => {
        calls += 1;
        throw new Error('bad request');
      },
      { retries: 5, isRetryable: () => false },
    );
    await expect(run).rejects.toThrow('bad request');
    expect(calls).toBe(1);
  });

  it('stops waiting as soon as the signal aborts', async () => {
    const stop = new AbortController();
    setTimeout(() => stop.abort(new Error('deadline')), 20);
    const started = Date.now();
    const run = retry(
      async () => {
        throw new Error('down');
      },
      { retries: 3, baseDelayMs: 10_000, random: () => 0.99, signal: stop.signal },
    );
    await expect(run).rejects.toThrow('deadline');
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
