import type { Engine } from '@watchfloor/engine';
import type { Context } from 'hono';
import { sendCachedJson } from '../cached-json.ts';
import { ReadCache } from '../read-cache.ts';

/**
 * One route module's cached reads: each answer is loaded and encoded once per store write and
 * query (health, metrics, logs and counters only change when the engine writes), with ETag and
 * gzip as `sendCachedJson` gives them.
 */
export function cachedReads(engine: Pick<Engine, 'writeVersion'>) {
  const cache = new ReadCache(() => engine.writeVersion);
  return (c: Context, key: string, load: () => unknown): Promise<Response> =>
    sendCachedJson(c, cache, key, async () => load());
}
