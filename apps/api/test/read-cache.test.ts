import { describe, expect, it } from 'vitest';
import { ReadCache } from '../src/read-cache.ts';

const deferred = <T>() => {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

describe('ReadCache', () => {
  it('serves repeats from memory until the write version changes', async () => {
    let version = 1;
    let loads = 0;
    const cache = new ReadCache(() => version);
    const load = async () => ++loads;
    expect(await cache.get('k', load)).toBe(1);
    expect(await cache.get('k', load)).toBe(1);
    version = 2;
    expect(await cache.get('k', load)).toBe(2);
    expect(loads).toBe(2);
  });

  it('lets concurrent misses share one load', async () => {
    const cache = new ReadCache(() => 1);
    const gate = deferred<string>();
    let loads = 0;
    const load = () => {
      loads++;
      return gate.promise;
    };
    const answers = Promise.all(Array.from({ length: 50 }, () => cache.get('k', load)));
    gate.resolve('page');
    expect(await answers).toEqual(Array(50).fill('page'));
    expect(loads).toBe(1);
  });

  it('does not keep a failed load or one that a write overtook', async () => {
    let version = 1;
    const cache = new ReadCache(() => version);
    await expect(
      cache.get('k', async () => Promise.reject(new Error('store down'))),
    ).rejects.toThrow('store down');
    expect(await cache.get('k', async () => 'after outage')).toBe('after outage');

    const gate = deferred<string>();
    const stale = cache.get('j', () => gate.promise);
    version = 2; // a write lands while the read is in flight
    gate.resolve('old');
    expect(await stale).toBe('old');
    expect(await cache.get('j', async () => 'new')).toBe('new');
  });

  it('holds at most its capacity, dropping the least recently used', async () => {
    const cache = new ReadCache(() => 1, 2);
    let loads = 0;
    const load = async () => ++loads;
    await cache.get('a', load);
    await cache.get('b', load);
    await cache.get('a', load); // a is now the most recent
    await cache.get('c', load); // evicts b
    expect(await cache.get('a', load)).toBe(1);
    expect(await cache.get('b', load)).toBe(4);
  });
});
