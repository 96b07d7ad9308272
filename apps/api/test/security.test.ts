import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { renderError } from '../src/errors.ts';
import { rateLimit } from '../src/middleware/rate-limit.ts';
import type { AppEnv } from '../src/types.ts';
import { harness, OPERATOR } from './harness.ts';

describe('rate limiting', () => {
  const limited = (now: () => number) => {
    const app = new Hono<AppEnv>()
      .use('*', rateLimit({ perMinute: 60, burst: 2, now }))
      .post('/x', (c) => c.text('ok'));
    app.onError(renderError);
    return app;
  };

  it('answers 429 with Retry-After once a client spends its burst, then refills over time', async () => {
    let t = 0;
    const app = limited(() => t);
    const post = () =>
      app.request('/x', { method: 'POST', headers: { authorization: 'Bearer a' } });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await post()).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await post();
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe('rate_limited');
    t += 1_000;
    expect((await post()).status).toBe(200);
  });

  it('counts each token separately and leaves reads alone', async () => {
    const app = limited(() => 0);
    for (let i = 0; i < 3; i++)
      await app.request('/x', { method: 'POST', headers: { authorization: 'Bearer a' } });
    expect(
      (await app.request('/x', { method: 'POST', headers: { authorization: 'Bearer a' } })).status,
    ).toBe(429);
    expect(
      (await app.request('/x', { method: 'POST', headers: { authorization: 'Bearer b' } })).status,
    ).toBe(200);
    expect((await app.request('/x', { method: 'GET' })).status).toBe(404);
  });
});

describe('headers and CORS', () => {
  it('sends secure headers and a request id on every response', async () => {
    const h = await harness();
    for (const res of [
      await h.call('GET', '/api/health'),
      await h.call('GET', '/api/incidents?limit=0'), // a refusal carries them too
      await h.call('GET', '/metrics'),
    ]) {
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(res.headers.get('x-request-id')).toBeTruthy();
    }
    // Pages (the API docs, the dashboard) get the full document set instead.
    const docs = await h.call('GET', '/api/docs');
    expect(docs.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(docs.headers.get('referrer-policy')).toBe('no-referrer');
    expect(docs.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('allows no cross-origin caller by default', async () => {
    const h = await harness();
    const res = await h.call('GET', '/api/incidents', {
      headers: { origin: 'https://evil.example' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('never leaks a stack trace or the token in an error', async () => {
    const h = await harness();
    const res = await h.call('POST', '/api/alerts', { raw: '{"labels": {"alertname": 1}}' });
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    expect(text).not.toContain(OPERATOR);
  });

  it('rejects a wrong token even on reads', async () => {
    const h = await harness();
    const res = await h.call('GET', '/api/incidents', {
      headers: { authorization: 'Bearer wrong-token-000000000' },
      as: 'none',
    });
    expect(res.status).toBe(401);
  });
});
