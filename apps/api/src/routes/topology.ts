import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../types.ts';

export const topologyRoutes = ({ engine }: AppDeps) =>
  new Hono<AppEnv>().get('/', (c) => {
    const health = engine.serviceHealth();
    const { regions, services, hosts } = engine.topology;
    return c.json({
      regions,
      services: services.map((s) => ({
        ...s,
        health: health.get(s.id) ?? 'healthy',
        metrics: engine.latestMetrics.get(s.id)?.values ?? null,
      })),
      hosts,
    });
  });
