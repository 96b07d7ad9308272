import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { Telemetry } from '../telemetry.ts';
import type { AppEnv } from '../types.ts';

/**
 * One JSON line and one metric sample per request, with the request id; never the
 * Authorization header. No child logger per request: the line carries `reqId` itself, and
 * nothing is built when the level is off.
 */
export const requestLog = (logger: Logger, telemetry: Telemetry) =>
  createMiddleware<AppEnv>(async function logRequest(c, next) {
    const started = performance.now();
    c.set('logger', logger);
    await next();
    const ms = performance.now() - started;
    // The matched route pattern, not the raw path, keeps metric labels bounded.
    telemetry.recordRequest(c.req.method, c.req.routePath, c.res.status, ms / 1000);
    if (!logger.isLevelEnabled('info')) return;
    logger.info(
      {
        reqId: c.var.requestId,
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round(ms * 10) / 10,
      },
      'request',
    );
  });
