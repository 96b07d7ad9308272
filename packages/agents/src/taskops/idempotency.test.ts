import { describe, expect, it } from 'vitest';
import { IdempotencyLedger } from './idempotency.ts';

const counter = () => {
  let calls = 0;
  return {
    run: async () => ++calls,
    get calls() {
      return calls;
    },
  };
};

describe('IdempotencyLedger', () => {
  it('runs once per key within the window and hands back the first result', async () => {
    const ledger = new IdempotencyLedger<number>({ windowMs: 1000 });
    const c = counter();
    expect(await ledger.once('a', 0, c.run)).toBe(1);
    expect(await ledger.once('a', 999, c.run)).toBe(1);
    expect(await ledger.once('b', 999, c.run)).toBe(2);
    expect(c.calls).toBe(2);
  });

  it('shares a run still in progress with a concurrent retry', async () => {
    const ledger = new IdempotencyLedger<number>();
    const c = counter();
    const [x, y] = await Promise.all([ledger.once('k', 0, c.run), ledger.once('k', 1, c.run)]);
    expect([x, y, c.calls]).toEqual([1, 1, 1]);
  });

  it('forgets a key once its window has passed', async () => {
    const ledger = new IdempotencyLedger<number>({ windowMs: 1000 });
    const c = counter();
    await ledger.once('a', 0, c.run);
    expect(ledger.get('a', 1000)).toBeUndefined();
    expect(await ledger.once('a', 1000, c.run)).toBe(2);
  });

  it('keeps at most `capacity` keys, dropping the oldest', async () => {
    const ledger = new IdempotencyLedger<number>({ capacity: 3 });
    const c = counter();
    for (const key of ['a', 'b', 'c', 'd']) await ledger.once(key, 0, c.run);
    expect(ledger.size).toBe(3);
    expect(ledger.get('a', 0)).toBeUndefined();
    expect(await ledger.get('d', 0)).toBe(4);
  });

  it('lets a key retry after its run threw', async () => {
    const ledger = new IdempotencyLedger<number>();
    await expect(ledger.once('a', 0, () => Promise.reject(new Error('boom')))).rejects.toThrow(
      'boom',
    );
    await Promise.resolve();
    expect(await ledger.once('a', 1, async () => 7)).toBe(7);
  });
});
