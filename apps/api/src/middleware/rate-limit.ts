import { createHash } from 'node:crypto';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import { ApiError } from '../errors.ts';
import type { AppEnv } from '../types.ts';
import { isMutation } from './auth.ts';

export interface RateLimitOptions {
  /** Requests allowed per minute per client, refilled continuously. */
  perMinute: number;
  /** Extra requests a client may send at once. Default: a tenth of a minute's allowance. */
  burst?: number;
  now?: () => number;
  /** Clients tracked at most; the least recently seen are forgotten first. */
  maxClients?: number;
}

interface Bucket {
  tokens: number;
  at: number;
}

/** The client a request counts against: its bearer token (hashed) or else its address. */
function clientKey(c: Context<AppEnv>): string {
  const token = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  if (token) return `t:${createHash('sha256').update(token).digest('base64url').slice(0, 16)}`;
  try {
    return `ip:${getConnInfo(c).remote.address ?? 'unknown'}`;
  } catch {
    return 'ip:unknown';
  }
}

/** Token-bucket limit on mutations and ingest; over it, 429 with `Retry-After` in seconds. */
export const rateLimit = (options: RateLimitOptions) => {
  const capacity = options.perMinute / 60 + (options.burst ?? Math.ceil(options.perMinute / 10));
  const perMs = options.perMinute / 60_000;
  const now = options.now ?? (() => Date.now());
  const maxClients = options.maxClients ?? 10_000;
  const buckets = new Map<string, Bucket>();
  return createMiddleware<AppEnv>(async function limitRate(c, next) {
    if (!isMutation(c.req.method)) return next();
    const key = clientKey(c);
    const t = now();
    const bucket = buckets.get(key) ?? { tokens: capacity, at: t };
    buckets.delete(key); // re-insert below so Map order is least recently seen first
    bucket.tokens = Math.min(capacity, bucket.tokens + (t - bucket.at) * perMs);
    bucket.at = t;
    buckets.set(key, bucket);
    if (buckets.size > maxClients) {
      const oldest = buckets.keys().next().value;
      if (oldest !== undefined) buckets.delete(oldest);
    }
    if (bucket.tokens < 1) {
      const retryAfter = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      c.header('Retry-After', String(retryAfter));
      throw new ApiError(429, 'rate_limited', `Too many changes; retry in ${retryAfter} s`, {
        retryAfterSeconds: retryAfter,
      });
    }
    bucket.tokens -= 1;
    return next();
  });
};
