import type { Context } from 'hono';
import { sendCachedJson } from '../cached-json.ts';
import { ReadCache } from '../read-cache.ts';
import type { AppDeps, AppEnv } from '../types.ts';

/** The URL's path and query, as node's `req.url` has them (the replay's key). */
const pathAndQuery = (url: string) => url.slice(url.indexOf('/', url.indexOf('//') + 2));

/**
 * One route module's cached reads: each answer is loaded and encoded once per store write and
 * query (health, metrics, logs and counters only change when the engine writes), with ETag and
 * gzip as `sendCachedJson` gives them. With a replay cache (the node server), each answer is
 * also remembered for the caller's role and URL, so repeats skip Hono (replay.ts). Answers must
 * therefore depend only on the URL and the stored data.
 */
export function cachedReads({ engine, replay }: Pick<AppDeps, 'engine' | 'replay'>) {
  const cache = new ReadCache(() => engine.writeVersion);
  return (c: Context<AppEnv>, key: string, load: () => unknown): Promise<Response> =>
    sendCachedJson(
      c,
      cache,
      key,
      async () => load(),
      replay &&
        ((encoded, version) =>
          replay.remember(c.var.role, pathAndQuery(c.req.url), version, {
            encoded,
            path: c.req.path,
            route: c.req.routePath,
          })),
    );
}
