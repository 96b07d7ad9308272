import type { Context, MiddlewareHandler } from 'hono';

/**
 * Runs a middleware only where it has work to do (CORS only for cross-origin requests, the
 * body limit only for requests with a body), so plain reads stay on the server's fast path.
 */
export const when = <E extends { Variables: object }>(
  applies: (c: Context<E>) => boolean,
  middleware: MiddlewareHandler<E>,
): MiddlewareHandler<E> =>
  async function conditional(c, next) {
    if (applies(c)) return middleware(c, next);
    await next();
  };

export const hasOrigin = (c: Context) => c.req.header('origin') !== undefined;
export const hasBody = (c: Context) =>
  !['GET', 'HEAD', 'OPTIONS'].includes(c.req.method) ||
  c.req.header('content-length') !== undefined;
