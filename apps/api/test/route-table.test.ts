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

const subscribe = async (h: Harness) => {
  const res = await h.call('POST', '/api/webhooks', {
    body: { url: 'https://hooks.example.com/watchfloor', events: ['incident.opened'] },
  });
  const { id } = (await res.json()) as { id: string };
  return id;
};

const planPatch = async (h: Harness) =>
  (await h.engine.planPatch(someService(h), '99.0.0', { actor: 'operator', requestId: null })).id;

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
  'POST /api/tasks': async (h) => ({
    path: '/api/tasks',
    body: { action: 'rotate_logs', service: someService(h), reason: 'route table probe' },
  }),
  'POST /api/patches': async (h) => ({
    path: '/api/patches',
    body: { service: someService(h), version: '99.0.0' },
  }),
  'POST /api/patches/:id/approve': async (h) => ({
    path: `/api/patches/${await planPatch(h)}/approve`,
  }),
  'POST /api/patches/:id/abort': async (h) => ({
    path: `/api/patches/${await planPatch(h)}/abort`,
    body: { reason: 'probe' },
  }),
  'POST /api/patches/:id/resume': async (h) => {
    const id = await planPatch(h);
    await h.engine.setKillSwitch(true, 'probe', { actor: 'operator', requestId: null });
    await h.engine.setKillSwitch(false, 'probe over', { actor: 'operator', requestId: null });
    return { path: `/api/patches/${id}/resume` };
  },
  'PATCH /api/agents/:id/config': async () => ({
    path: '/api/agents/taskops/config',
    body: { patch: { automationLevel: 'SEMI_AUTO' }, reason: 'probe' },
  }),
  'POST /api/agents/:id/config/rollback': async () => ({
    path: '/api/agents/taskops/config/rollback',
    body: { version: 1 },
  }),
  'POST /api/incidents/:id/approve': async (h) => {
    const who = { actor: 'operator', requestId: null };
    await h.engine.updateAgentConfig(
      'orchestrator',
      { automationLevel: 'SEMI_AUTO' },
      'probe',
      who,
    );
    const service = h.engine.topology.services.find((s) => s.tier === 'domain')?.id ?? 'missing';
    const res = await h.call('POST', '/api/alerts', {
      body: firingAlert('DeploymentRegression', service),
    });
    const { items } = (await res.json()) as { items: { incidentId: string }[] };
    await h.engine.advance(8);
    return { path: `/api/incidents/${items[0]?.incidentId}/approve` };
  },
  'POST /api/kill-switch': async () => ({
    path: '/api/kill-switch',
    body: { engaged: true, reason: 'drill' },
  }),
  'POST /api/webhooks': async () => ({
    path: '/api/webhooks',
    body: { url: 'https://hooks.example.com/watchfloor', events: ['kill_switch.changed'] },
  }),
  'DELETE /api/webhooks/:id': async (h) => ({ path: `/api/webhooks/${await subscribe(h)}` }),
  'POST /api/webhooks/:id/test': async (h) => ({
    path: `/api/webhooks/${await subscribe(h)}/test`,
  }),
  'POST /api/webhooks/deliveries/:id/redeliver': async (h) => {
    const res = await h.call('POST', `/api/webhooks/${await subscribe(h)}/test`);
    const { id } = (await res.json()) as { id: string };
    return { path: `/api/webhooks/deliveries/${id}/redeliver` };
  },
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
