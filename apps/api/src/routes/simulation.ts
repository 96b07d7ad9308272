import { FaultInput, FaultScenario, SpeedInput } from '@watchfloor/domain';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import { PageQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';
import { cachedReads } from './cached-read.ts';

export const simulationRoutes = (deps: AppDeps) => {
  const { engine, repo } = deps;
  const send = cachedReads(deps);
  return new Hono<AppEnv>()
    .get('/', (c) => c.json({ ...engine.state(), scenarios: FaultScenario.options }))
    .post('/start', async (c) => c.json(await engine.setRunning(true, actorOf(c))))
    .post('/stop', async (c) => c.json(await engine.setRunning(false, actorOf(c))))
    .patch('/', validate('json', SpeedInput), async (c) =>
      c.json(await engine.setSpeed(c.req.valid('json').speed, actorOf(c))),
    )
    .get('/faults', validate('query', PageQuery), (c) => {
      const query = c.req.valid('query');
      return send(c, JSON.stringify(query), () => repo.listFaults(query));
    })
    .post('/faults', validate('json', FaultInput), async (c) => {
      const { scenario, service } = c.req.valid('json');
      return c.json(await engine.injectFault(scenario, service, actorOf(c)), 201);
    });
};
