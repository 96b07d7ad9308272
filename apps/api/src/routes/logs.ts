import { parseIdNumber } from '@watchfloor/domain';
import { Hono } from 'hono';
import { LogListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';
import { cachedReads } from './cached-read.ts';

export const logsRoutes = (deps: AppDeps) => {
  const { repo } = deps;
  const send = cachedReads(deps);
  return new Hono<AppEnv>().get('/', validate('query', LogListQuery), (c) => {
    const { level, after, ...query } = c.req.valid('query');
    return send(c, JSON.stringify(c.req.valid('query')), async () => {
      const page = await repo.listLogs({ ...query, levels: level });
      if (!after) return page;
      // A live tail: only entries newer than the last one the client has (ids only grow).
      const floor = parseIdNumber(after) ?? 0;
      const newer = page.items.filter((entry) => (parseIdNumber(entry.id) ?? 0) > floor);
      return {
        items: newer,
        nextCursor: newer.length < page.items.length ? null : page.nextCursor,
      };
    });
  });
};
