import { createHash, timingSafeEqual } from 'node:crypto';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';
import type { AppEnv, AuthConfig, Role } from '../types.ts';

const digest = (value: string) => createHash('sha256').update(value).digest();

/** Constant-time comparison that does not leak the token's length. */
export const tokenMatches = (given: string, expected: string): boolean =>
  timingSafeEqual(digest(given), digest(expected));

const readMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export const isMutation = (method: string): boolean => !readMethods.has(method.toUpperCase());

/** The caller's role from its `Authorization` header, and whether it sent a token at all. */
export function identify(
  config: AuthConfig,
  authorization: string | undefined,
): { role: Role; token: string | undefined } {
  const token = /^Bearer\s+(.+)$/i.exec(authorization ?? '')?.[1]?.trim();
  let role: Role = 'anonymous';
  if (token && tokenMatches(token, config.operatorToken)) role = 'operator';
  else if (token && config.viewerToken && tokenMatches(token, config.viewerToken)) role = 'viewer';
  return { role, token };
}

/** Why a read is refused (a bad token, or none where a viewer token is configured); null if allowed. */
export function readRefusal(
  config: AuthConfig,
  caller: { role: Role; token: string | undefined },
): ApiError | null {
  if (caller.token && caller.role === 'anonymous')
    return new ApiError(401, 'unauthorized', 'The bearer token is not valid');
  if (config.viewerToken && caller.role === 'anonymous')
    return new ApiError(401, 'unauthorized', 'Reading needs the viewer or operator token');
  return null;
}

/**
 * Bearer-token roles: the operator token may do everything, the viewer token may read.
 * Mutations need the operator (401 without a valid token, 403 with a viewer's); reads are
 * open unless a viewer token is configured. `open` paths (health) never need a token;
 * `computations` are POSTs that change nothing (a fit) and count as reads.
 */
export const auth = (
  config: AuthConfig,
  options: { open?: string[]; computations?: readonly string[] } = {},
) => {
  const open = new Set(options.open ?? []);
  const computations = new Set(options.computations ?? []);
  return createMiddleware<AppEnv>(async function authorize(c, next) {
    const caller = identify(config, c.req.header('authorization'));
    const { role } = caller;
    c.set('role', role);
    if (open.has(c.req.path)) return next();
    if (isMutation(c.req.method) && !computations.has(c.req.path)) {
      if (caller.token && role === 'anonymous') {
        throw new ApiError(401, 'unauthorized', 'The bearer token is not valid');
      }
      if (role === 'anonymous') {
        throw new ApiError(
          401,
          'unauthorized',
          'This change needs the operator token (Authorization: Bearer …)',
        );
      }
      if (role !== 'operator') {
        throw new ApiError(
          403,
          'forbidden',
          'The viewer token is read-only; changes need the operator token',
        );
      }
    } else {
      const refusal = readRefusal(config, caller);
      if (refusal) throw refusal;
    }
    return next();
  });
};
