import { PatchDecisionInput, PatchInput } from '@watchfloor/domain';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import { paginate } from '../paginate.ts';
import { IdParam, PatchListQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { optionalJson, validate } from '../validate.ts';

/** PatchOps rollouts: plans with wave-by-wave progress, and the operator's commands. */
export const patchesRoutes = ({ engine }: AppDeps) => {
  const app = new Hono<AppEnv>()
    .get('/', validate('query', PatchListQuery), async (c) => {
      const { state, ...page } = c.req.valid('query');
      // Pages the engine's summaries, then reads the page's plans (ended ones from the store).
      const found = paginate(
        engine.patchSummaries().filter((p) => !state || p.state === state),
        page,
        (p) => p.id,
      );
      return c.json({ ...found, items: await engine.patchesById(found.items.map((p) => p.id)) });
    })
    .get('/:id', validate('param', IdParam), async (c) =>
      c.json(await engine.patch(c.req.valid('param').id)),
    )
    .post('/', validate('json', PatchInput), async (c) => {
      const { service, version } = c.req.valid('json');
      return c.json(await engine.planPatch(service, version, actorOf(c)), 201);
    });
  for (const name of ['approve', 'abort', 'resume'] as const) {
    app.post(
      `/:id/${name}`,
      validate('param', IdParam),
      optionalJson(PatchDecisionInput),
      async (c) => {
        const { reason } = c.req.valid('json');
        return c.json(await engine.patchCommand(c.req.valid('param').id, name, reason, actorOf(c)));
      },
    );
  }
  return app;
};
