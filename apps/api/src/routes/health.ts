import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../types.ts';

/** Who the caller is to this server: lets the dashboard tell operator from viewer up front. */
export const sessionRoutes = (_deps: AppDeps) =>
  new Hono<AppEnv>().get('/', (c) => c.json({ role: c.var.role }));

export const healthRoutes = ({ repo, engine, version, startedAt }: AppDeps) => {
  // A liveness probe hammered by load balancers should not hammer the store too.
  let lastOk = 0;
  const pingAtMostEverySecond = async () => {
    if (Date.now() - lastOk < 1000) return;
    await repo.ping();
    lastOk = Date.now();
  };
  return new Hono<AppEnv>().get('/', async (c) => {
    const base = {
      version,
      store: repo.kind,
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      simulation: { running: engine.state().running, virtualTime: engine.now() },
    };
    try {
      await pingAtMostEverySecond();
      return c.json({ status: 'ok' as const, storeOk: true, ...base });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return c.json({ status: 'degraded' as const, storeOk: false, reason, ...base }, 503);
    }
  });
};
