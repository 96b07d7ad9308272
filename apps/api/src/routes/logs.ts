import { parseIdNumber } from '@watchfloor/domain';
import { Hono } from 'hono';
import { LogListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';

export const logsRoutes = ({ repo }: AppDeps) =>
  new Hono<AppEnv>().get('/', validate('query', LogListQuery), async (c) => {
    const { level, after, ...query } = c.req.valid('query');
    const page = await repo.listLogs({ ...query, levels: level });
    if (!after) return c.json(page);
    // A live tail: only entries newer than the last one the client has (ids only grow).
    const floor = parseIdNumber(after) ?? 0;
    const newer = page.items.filter((entry) => (parseIdNumber(entry.id) ?? 0) > floor);
    return c.json({
      items: newer,
      nextCursor: newer.length < page.items.length ? null : page.nextCursor,
    });
  });
