import { describe, expect, it } from 'vitest';
import { harness, json } from './harness.ts';

describe('OpenAPI document', () => {
  it('describes every registered route', async () => {
    const h = await harness();
    const doc = await json(h.call('GET', '/api/openapi.json'));
    expect(doc.openapi).toBe('3.1.0');
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(
      doc.paths as Record<string, Record<string, unknown>>,
    )) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`);
    }
    const registered = new Set<string>();
    for (const r of h.app.routes) {
      if (r.method === 'ALL') continue;
      const path = r.path.replace(/\/$/, '').replace(/:(\w+)/g, '{$1}');
      if (!path.startsWith('/api') && path !== '/metrics') continue;
      if (path === '/api/openapi.json' || path === '/api/docs') continue;
      registered.add(`${r.method} ${path}`);
    }
    expect(registered.size).toBeGreaterThan(20);
    expect([...registered].filter((r) => !documented.has(r))).toEqual([]);
    expect([...documented].filter((d) => !registered.has(d))).toEqual([]);
  });

  it('marks changes as needing the bearer token and serves Swagger UI', async () => {
    const h = await harness();
    const doc = await json(h.call('GET', '/api/openapi.json'));
    expect(doc.paths['/api/kill-switch'].post.security).toEqual([{ bearer: [] }]);
    expect(doc.paths['/api/incidents/{id}'].get.parameters[0].name).toBe('id');
    const ui = await h.call('GET', '/api/docs');
    expect(ui.status).toBe(200);
    expect(await ui.text()).toContain('/api/openapi.json');
  });
});
