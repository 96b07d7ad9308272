import { Hono } from 'hono';
import { LogListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';

export const logsRoutes = ({ repo }: AppDeps) =>
  new Hono<AppEnv>().get('/', validate('query', LogListQuery), async (c) => {
    const { level, ...query } = c.req.valid('query');
    return c.json(await repo.listLogs({ ...query, levels: level }));
  });
