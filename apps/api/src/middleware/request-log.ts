import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { AppEnv } from '../types.ts';

/** One JSON line per request carrying the request id; never the Authorization header. */
export const requestLog = (logger: Logger) =>
  createMiddleware<AppEnv>(async function logRequest(c, next) {
    const started = performance.now();
    const child = logger.child({ reqId: c.var.requestId });
    c.set('logger', child);
    await next();
    child.info(
      {
        method: c.req.method,
        path: c.req.path,
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
