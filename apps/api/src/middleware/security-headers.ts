import { createMiddleware } from 'hono/factory';
import { secureHeaders } from 'hono/secure-headers';
import type { AppEnv } from '../types.ts';

/**
 * What a JSON answer needs (OWASP REST Security Cheat Sheet): no sniffing, HTTPS only, never
 * framed, not readable cross-origin. The document headers (XSS filter, download and DNS
 * prefetch options, opener and referrer policies) are for HTML pages; each extra header costs
 * every answer about a microsecond, and the API answers thousands a second.
 */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Strict-Transport-Security': 'max-age=15552000; includeSubDomains',
  'X-Content-Type-Options': 'nosniff',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/** JSON endpoints; the API docs page is HTML and gets the document set. */
const isApi = (path: string) =>
  path === '/metrics' || (path.startsWith('/api/') && !path.startsWith('/api/docs'));

/** The API set on JSON endpoints (set before the handler, so errors carry it too); Hono's full set on pages. */
export const securityHeaders = () => {
  const documents = secureHeaders();
  return createMiddleware<AppEnv>(async function securityHeaders(c, next) {
    if (!isApi(c.req.path)) return documents(c, next);
    for (const name in API_SECURITY_HEADERS) c.header(name, API_SECURITY_HEADERS[name]);
    await next();
  });
};
