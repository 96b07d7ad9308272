import { AlertBatchInput } from '@watchfloor/domain';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import { ApiError } from '../errors.ts';
import { AlertListQuery, IdParam } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';
import { cachedReads } from './cached-read.ts';

export const alertsRoutes = (deps: AppDeps) => {
  const { engine, repo } = deps;
  const send = cachedReads(deps);
  return new Hono<AppEnv>()
    .get('/', validate('query', AlertListQuery), (c) => {
      const query = c.req.valid('query');
      return send(c, JSON.stringify(query), () => repo.listAlerts(query));
    })
    .get('/:id', validate('param', IdParam), async (c) => {
      const { id } = c.req.valid('param');
      const alert = await repo.getAlert(id);
      if (!alert) throw new ApiError(404, 'not_found', `Alert ${id} not found`, { field: 'id' });
      return c.json(alert);
    })
    .post('/', validate('json', AlertBatchInput), async (c) => {
      const body = c.req.valid('json');
      const inputs = Array.isArray(body) ? body : [body];
      const alerts = await engine.ingestAlerts(inputs, 'api', actorOf(c));
      return c.json({ items: alerts }, 201);
    });
};
