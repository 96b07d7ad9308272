import { describe, expect, it } from 'vitest';
import { COMPUTE_ROUTES } from '../src/app.ts';
import { isMutation } from '../src/middleware/auth.ts';
import { firingAlert, type Harness, harness } from './harness.ts';

type Sample = (h: Harness) => Promise<{ path: string; body?: unknown }>;

const someService = (h: Harness) => h.engine.topology.services[0]?.id ?? 'missing';

const openIncident = async (h: Harness) => {
  const res = await h.call('POST', '/api/alerts', {
    body: firingAlert('RouteTableProbe', someService(h)),
  });
  const { items } = (await res.json()) as { items: { incidentId: string }[] };
  return items[0]?.incidentId ?? 'missing';
};

/** A valid request for every mutation route. A new route without one fails this suite. */
const samples: Record<string, Sample> = {
  'POST /api/simulation/start': async () => ({ path: '/api/simulation/start' }),
  'POST /api/simulation/stop': async () => ({ path: '/api/simulation/stop' }),
  'PATCH /api/simulation': async () => ({ path: '/api/simulation', body: { speed: 60 } }),
  'POST /api/simulation/faults': async (h) => {
    const service = h.engine.topology.services.find((s) =>
      h.engine.scenariosFor(s.id).includes('bad_deploy'),
    );
    return {
      path: '/api/simulation/faults',
      body: { scenario: 'bad_deploy', service: service?.id },
    };
  },
  'POST /api/alerts': async (h) => ({
    path: '/api/alerts',
    body: firingAlert('Probe', someService(h)),
  }),
  'POST /api/incidents/:id/ack': async (h) => ({
    path: `/api/incidents/${await openIncident(h)}/ack`,
  }),
  'POST /api/incidents/:id/resolve': async (h) => ({
    path: `/api/incidents/${await openIncident(h)}/resolve`,
  }),
  'POST /api/integrations/alertmanager': async (h) => ({
    path: '/api/integrations/alertmanager',
    body: {
      version: '4',
      groupKey: '{}:{}',
      status: 'firing',
      alerts: [{ status: 'firing', labels: { alertname: 'Probe', service: someService(h) } }],
    },
  }),
  'POST /api/kill-switch': async () => ({
    path: '/api/kill-switch',
    body: { engaged: true, reason: 'drill' },
  }),
};

async function mutationRoutes() {
  const h = await harness({ viewer: true });
  const seen = new Set<string>();
  for (const r of h.app.routes) {
    if (r.method === 'ALL' || !isMutation(r.method)) continue;
    if ((COMPUTE_ROUTES as readonly string[]).includes(r.path)) continue;
    seen.add(`${r.method} ${r.path.replace(/\/$/, '') || '/'}`);
  }
  return [...seen].sort();
}

describe('every mutation route', async () => {
  const routes = await mutationRoutes();

  it('has a sample request in this table', () => {
    expect(routes.length).toBeGreaterThanOrEqual(Object.keys(samples).length);
    for (const route of routes)
      expect(Object.keys(samples), `${route} needs a sample`).toContain(route);
  });

  for (const route of routes) {
    const method = route.split(' ')[0] ?? 'POST';
    it(`${route} answers 401 without a token, 403 with the viewer token and audits an operator's change`, async () => {
      const h = await harness({ viewer: true });
      const sample = samples[route];
      if (!sample) throw new Error(`no sample for ${route}`);
      const { path, body } = await sample(h);
      const auditBefore = (await h.repo.listAudit({ limit: 500 })).items.length;

      const anonymous = await h.call(method, path, { body, as: 'none' });
      expect(anonymous.status).toBe(401);
      expect(((await anonymous.json()) as { error: { code: string } }).error.code).toBe(
        'unauthorized',
      );
      const viewer = await h.call(method, path, { body, as: 'viewer' });
      expect(viewer.status).toBe(403);
      const refused = (await h.repo.listAudit({ limit: 500 })).items.length;
      expect(refused).toBe(auditBefore);

      const operator = await h.call(method, path, { body, as: 'operator' });
      expect(operator.status, await operator.clone().text()).toBeLessThan(300);
      const after = await h.repo.listAudit({ limit: 500 });
      expect(after.items.length).toBeGreaterThan(auditBefore);
      expect(after.items[0]?.actor).toBe('operator');
      expect(after.items[0]?.requestId).toBe(operator.headers.get('x-request-id'));
    });
  }
});

const computationSamples: Record<(typeof COMPUTE_ROUTES)[number], unknown> = {
  '/api/forecasts/fit': { series: [1, 2, 3, 4, 5], horizon: 2 },
  '/api/events/analyze': { message: 'disk full' },
  '/api/events/validate': { payload: { a: 1 }, requiredFields: ['a'] },
};

describe('computation routes', () => {
  it('are readable with the viewer token and change nothing', async () => {
    const h = await harness({ viewer: true });
    const before = await h.repo.lastId('audit');
    for (const path of COMPUTE_ROUTES) {
      const res = await h.call('POST', path, {
        as: 'viewer',
        body: computationSamples[path],
      });
      expect(res.status, `${path} ${await res.clone().text()}`).toBe(200);
      expect((await h.call('POST', path, { as: 'none', body: {} })).status).toBe(401);
    }
    expect(await h.repo.lastId('audit')).toBe(before);
  });
});
