import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { cors } from 'hono/cors';
import { requestId } from 'hono/request-id';
import { ApiError, renderError } from './errors.ts';
import { auth } from './middleware/auth.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { requestLog } from './middleware/request-log.ts';
import { securityHeaders } from './middleware/security-headers.ts';
import { hasBody, hasOrigin, when } from './middleware/when.ts';
import { agentsRoutes } from './routes/agents.ts';
import { alertsRoutes } from './routes/alerts.ts';
import { auditRoutes } from './routes/audit.ts';
import { docsRoutes } from './routes/docs.ts';
import { eventsRoutes } from './routes/events.ts';
import { forecastsRoutes } from './routes/forecasts.ts';
import { healthRoutes, sessionRoutes } from './routes/health.ts';
import { incidentsRoutes } from './routes/incidents.ts';
import { integrationsRoutes } from './routes/integrations.ts';
import { killSwitchRoutes } from './routes/kill-switch.ts';
import { logsRoutes } from './routes/logs.ts';
import { metricsRoutes } from './routes/metrics.ts';
import { patchesRoutes } from './routes/patches.ts';
import { simulationRoutes } from './routes/simulation.ts';
import { tasksRoutes } from './routes/tasks.ts';
import { topologyRoutes } from './routes/topology.ts';
import { webRoutes } from './routes/web.ts';
import { webhooksRoutes } from './routes/webhooks.ts';
import { createTelemetry } from './telemetry.ts';
import type { AppDeps, AppEnv } from './types.ts';

export const MAX_BODY_BYTES = 1 << 20;
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 3_000;
/** POST routes that only compute an answer: readable by viewers, nothing to audit. */
export const COMPUTE_ROUTES = [
  '/api/forecasts/fit',
  '/api/events/analyze',
  '/api/events/validate',
] as const;

/** The whole HTTP surface; the node entry (and later Lambda) wrap this one factory. */
export function createApp(deps: AppDeps) {
  const telemetry = deps.telemetry ?? createTelemetry();
  telemetry.observe(deps.engine, deps.repo);
  const authorize = auth(deps.auth, {
    open: ['/api/health', '/api/session'],
    computations: COMPUTE_ROUTES,
  });
  const app = new Hono<AppEnv>()
    .use('*', requestId(), requestLog(deps.logger, telemetry), securityHeaders())
    .use(
      '/api/*',
      when(
        hasOrigin,
        cors({
          // Same-origin by default: an empty allowlist answers no cross-origin request.
          origin: (origin) => (deps.corsOrigins?.includes(origin) ? origin : null),
          allowHeaders: ['Authorization', 'Content-Type'],
          allowMethods: ['GET', 'POST', 'PATCH', 'DELETE', 'OPTIONS'],
          exposeHeaders: ['X-Request-Id', 'Retry-After'],
          maxAge: 600,
        }),
      ),
      when(
        hasBody,
        bodyLimit({
          maxSize: MAX_BODY_BYTES,
          onError: () => {
            throw new ApiError(413, 'payload_too_large', `Body exceeds ${MAX_BODY_BYTES} bytes`);
          },
        }),
      ),
      authorize,
      rateLimit({ perMinute: deps.rateLimitPerMinute ?? DEFAULT_RATE_LIMIT_PER_MINUTE }),
    )
    .get('/metrics', authorize, async (c) =>
      c.body(await telemetry.registry.metrics(), 200, {
        'Content-Type': telemetry.registry.contentType,
      }),
    )
    .route('/api', docsRoutes(deps))
    .route('/api/health', healthRoutes(deps))
    .route('/api/session', sessionRoutes(deps))
    .route('/api/topology', topologyRoutes(deps))
    .route('/api/simulation', simulationRoutes(deps))
    .route('/api/alerts', alertsRoutes(deps))
    .route('/api/incidents', incidentsRoutes(deps))
    .route('/api/forecasts', forecastsRoutes(deps))
    .route('/api/integrations', integrationsRoutes(deps))
    .route('/api/events', eventsRoutes(deps))
    .route('/api/tasks', tasksRoutes(deps))
    .route('/api/patches', patchesRoutes(deps))
    .route('/api/agents', agentsRoutes(deps))
    .route('/api/logs', logsRoutes(deps))
    .route('/api/audit', auditRoutes(deps))
    .route('/api/kill-switch', killSwitchRoutes(deps))
    .route('/api/metrics', metricsRoutes(deps))
    .route('/api/webhooks', webhooksRoutes(deps))
    .route('/', webRoutes(deps));
  app.notFound((c) =>
    renderError(new ApiError(404, 'not_found', `No route for ${c.req.method} ${c.req.path}`), c),
  );
  app.onError(renderError);
  return app;
}

export type App = ReturnType<typeof createApp>;
export type { AppDeps } from './types.ts';
