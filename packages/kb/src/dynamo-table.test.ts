import { describe, expect, it } from 'vitest';
import { chunk, eachLimited, untilProcessed } from './dynamo-table.ts';

describe('batch helpers', () => {
  it('retries what a batch call leaves unprocessed until nothing is left', async () => {
    const calls: number[][] = [];
    await untilProcessed(
      [1, 2, 3],
      async (pending) => {
        calls.push(pending);
        return pending.slice(1);
      },
      'test',
    );
    expect(calls).toEqual([[1, 2, 3], [2, 3], [3]]);
  });

  it('splits into chunks and keeps at most the given number of tasks in flight', async () => {
    expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    let inFlight = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      most = Math.max(most, ++inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      done.push(n);
    });
    expect(most).toBe(3);
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
  });
});
