import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { Telemetry } from '../telemetry.ts';
import type { AppEnv } from '../types.ts';

/** One JSON line and one metric sample per request, with the request id; never the Authorization header. */
export const requestLog = (logger: Logger, telemetry: Telemetry) =>
  createMiddleware<AppEnv>(async function logRequest(c, next) {
    const started = performance.now();
    const child = logger.child({ reqId: c.var.requestId });
    c.set('logger', child);
    await next();
    const ms = performance.now() - started;
    // The matched route pattern, not the raw path, keeps metric labels bounded.
    telemetry.recordRequest(c.req.method, c.req.routePath, c.res.status, ms / 1000);
    child.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    );
  });
