import { listRunbooks } from '@watchfloor/agents';
import { TaskInput } from '@watchfloor/domain';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import { paginate } from '../paginate.ts';
import { TaskListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';

/** Runbook actions: the catalog, what ran (newest first), and operator-run actions. */
export const tasksRoutes = ({ engine }: AppDeps) =>
  new Hono<AppEnv>()
    .get('/', validate('query', TaskListQuery), (c) => {
      const { status, service, incidentId, ...page } = c.req.valid('query');
      const tasks = engine
        .tasks()
        .filter(
          (t) =>
            (!status || t.status === status) &&
            (!service || t.service === service) &&
            (!incidentId || t.incidentId === incidentId),
        );
      return c.json(paginate(tasks, page, (t) => t.id));
    })
    .get('/runbooks', (c) => c.json({ items: listRunbooks(), nextCursor: null }))
    .post('/', validate('json', TaskInput), async (c) => {
      const task = await engine.runTask(c.req.valid('json'), actorOf(c));
      return c.json(task, task.status === 'dry_run' ? 200 : 201);
    });
