import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { Telemetry } from '../telemetry.ts';
import type { AppEnv } from '../types.ts';

export interface AnsweredRequest {
  reqId: string;
  method: string;
  /** The URL path, without the query. */
  path: string;
  /** The matched route pattern: metric labels stay bounded. */
  route: string;
  status: number;
  ms: number;
}

/**
 * One metric sample and one JSON line per answered request, with the request id; never the
 * Authorization header. Shared by the Hono middleware and the replayed reads (replay.ts).
 */
export function recordAnswer(logger: Logger, telemetry: Telemetry, answer: AnsweredRequest) {
  telemetry.recordRequest(answer.method, answer.route, answer.status, answer.ms / 1000);
  if (!logger.isLevelEnabled('info')) return;
  logger.info(
    {
      reqId: answer.reqId,
      method: answer.method,
      path: answer.path,
      status: answer.status,
      ms: Math.round(answer.ms * 10) / 10,
    },
    'request',
  );
}

/** No child logger per request: the line carries `reqId` itself, and nothing is built when the level is off. */
export const requestLog = (logger: Logger, telemetry: Telemetry) =>
  createMiddleware<AppEnv>(async function logRequest(c, next) {
    const started = performance.now();
    c.set('logger', logger);
    await next();
    recordAnswer(logger, telemetry, {
      reqId: c.var.requestId,
      method: c.req.method,
      path: c.req.path,
      route: c.req.routePath,
      status: c.res.status,
      ms: performance.now() - started,
    });
  });
