import type { Actor } from '@watchfloor/engine';
import type { Context } from 'hono';
import type { AppEnv } from './types.ts';

/** The audit identity of a request: its role (never the token) and request id. */
export const actorOf = (c: Context<AppEnv>): Actor => ({
  actor: c.var.role,
  requestId: c.var.requestId ?? null,
});
