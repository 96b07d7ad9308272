import { AGENT_IDS } from '@watchfloor/agents';
import { AgentConfigRollbackInput, AgentConfigUpdateInput } from '@watchfloor/domain';
import { Hono } from 'hono';
import { actorOf } from '../actor.ts';
import { ApiError } from '../errors.ts';
import { paginate } from '../paginate.ts';
import { IdParam, PageQuery } from '../query.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { validate } from '../validate.ts';

/** Config versions inlined in an agent's detail; older ones are paged from its history. */
export const RECENT_CONFIG_VERSIONS = 20;

/** The agents: status, health, versioned config, and what the orchestrator has learned. */
export const agentsRoutes = ({ engine }: AppDeps) => {
  const known = (id: string) => {
    const agentId = AGENT_IDS.find((a) => a === id);
    if (!agentId) throw new ApiError(404, 'not_found', `Agent ${id} not found`, { field: 'id' });
    return agentId;
  };
  return new Hono<AppEnv>()
    .get('/', (c) =>
      c.json({ items: engine.agents.registry.statuses(engine.now()), nextCursor: null }),
    )
    .get('/learning', (c) => c.json(engine.agents.orchestrator.stats()))
    .get('/:id', validate('param', IdParam), (c) => {
      const id = known(c.req.valid('param').id);
      const history = engine.agents.configs.history(id);
      return c.json({
        ...engine.agents.registry.status(id, engine.now()),
        configHistory: history.slice(-RECENT_CONFIG_VERSIONS),
        configVersions: history.length,
      });
    })
    .get('/:id/config/history', validate('param', IdParam), validate('query', PageQuery), (c) => {
      const id = known(c.req.valid('param').id);
      const newestFirst = engine.agents.configs.history(id).reverse();
      return c.json(paginate(newestFirst, c.req.valid('query'), (v) => String(v.version)));
    })
    .patch(
      '/:id/config',
      validate('param', IdParam),
      validate('json', AgentConfigUpdateInput),
      async (c) => {
        const id = known(c.req.valid('param').id);
        const { patch, reason } = c.req.valid('json');
        return c.json(await engine.updateAgentConfig(id, patch, reason, actorOf(c)));
      },
    )
    .post(
      '/:id/config/rollback',
      validate('param', IdParam),
      validate('json', AgentConfigRollbackInput),
      async (c) => {
        const id = known(c.req.valid('param').id);
        const { version, reason } = c.req.valid('json');
        return c.json(await engine.rollbackAgentConfig(id, version, reason, actorOf(c)));
      },
    );
};
