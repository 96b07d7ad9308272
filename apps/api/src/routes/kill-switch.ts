import { KillSwitchInput } from '@watchfloor/domain';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';

export const killSwitchRoutes = ({ engine }: AppDeps) =>
  new Hono<AppEnv>()
    .get('/', (c) => c.json(engine.killSwitch))
    .post('/', validate('json', KillSwitchInput), async (c) => {
      const { engaged, reason } = c.req.valid('json');
      return c.json(await engine.setKillSwitch(engaged, reason, actorOf(c)));
    });
