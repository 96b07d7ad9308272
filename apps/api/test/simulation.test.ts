import { Fault, IncidentSummary, KillSwitchState, page, SimulationState } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { harness, json } from './harness.ts';

describe('simulation through the API', () => {
  it('turns simulated faults into stored alerts, incidents and ground truth', async () => {
    const h = await harness({ seed: 7 });
    await h.engine.advance(6 * 30); // 30 virtual minutes
    const incidents = page(IncidentSummary).parse(await json(h.call('GET', '/api/incidents')));
    expect(incidents.items.length).toBeGreaterThan(0);
    const faults = page(Fault).parse(await json(h.call('GET', '/api/simulation/faults?limit=500')));
    expect(faults.items.length).toBeGreaterThan(20);
    const withAlerts = faults.items.filter((f) => f.alertIds.length > 0);
    expect(withAlerts.length).toBeGreaterThan(0);
    const alert = await json(h.call('GET', `/api/alerts/${withAlerts[0]?.alertIds[0]}`));
    expect(alert.source).toBe('simulator');
    expect(JSON.stringify(alert)).not.toContain('FLT-');
    const logs = await json(h.call('GET', '/api/logs?limit=20&level=warn,error'));
    expect(logs.items.length).toBeGreaterThan(0);
    expect(
      logs.items.every((l: { level: string }) => l.level === 'warn' || l.level === 'error'),
    ).toBe(true);
    const metrics = await json(h.call('GET', '/api/metrics'));
    expect(metrics.alertsReceived).toBeGreaterThan(0);
    // Incidents AlertOps folded into another no longer count as incidents of their own.
    const stored = (await h.repo.listIncidents({ limit: 500 })).items.length;
    expect(metrics.incidents + metrics.incidentsMerged).toBe(stored);
    expect(metrics.alertsReceived / metrics.incidents).toBeGreaterThan(3);
    expect(metrics.liveCorrelation.alerts).toBeGreaterThan(50);
    expect(metrics.liveCorrelation.f1).toBeGreaterThan(0);
    expect(metrics.liveCorrelation.recall).toBeGreaterThan(0.5);
  });

  it('starts, stops and changes speed, reporting the state', async () => {
    const h = await harness();
    const started = SimulationState.parse(await json(h.call('POST', '/api/simulation/start')));
    expect(started.running).toBe(true);
    const fast = SimulationState.parse(
      await json(h.call('PATCH', '/api/simulation', { body: { speed: 600 } })),
    );
    expect(fast.speed).toBe(600);
    const stopped = SimulationState.parse(await json(h.call('POST', '/api/simulation/stop')));
    expect(stopped.running).toBe(false);
    const state = await json(h.call('GET', '/api/simulation'));
    expect(state.scenarios).toContain('db_saturation');
  });

  it('injects an operator fault and refuses an unknown service by name', async () => {
    const h = await harness({ faultGeneration: false });
    const target = h.engine.topology.services.find((s) =>
      h.engine.scenariosFor(s.id).includes('db_saturation'),
    );
    const res = await h.call('POST', '/api/simulation/faults', {
      body: { scenario: 'db_saturation', service: target?.name },
    });
    expect(res.status).toBe(201);
    const fault = Fault.parse(await res.json());
    expect(fault.rootService).toBe(target?.id);
    expect(fault.injectedBy).toBe('operator');
    const bad = await h.call('POST', '/api/simulation/faults', {
      body: { scenario: 'db_saturation', service: 'nowhere' },
    });
    expect(bad.status).toBe(400);
    const wrongTier = h.engine.topology.services.find(
      (s) => !h.engine.scenariosFor(s.id).includes('db_saturation'),
    );
    const refused = await h.call('POST', '/api/simulation/faults', {
      body: { scenario: 'db_saturation', service: wrongTier?.id },
    });
    expect(refused.status).toBe(400);
    expect((await json(refused)).error.details.field).toBe('scenario');
  });

  it('kill switch stops fault generation, refuses injection and is persisted', async () => {
    const h = await harness({ seed: 3 });
    const engaged = KillSwitchState.parse(
      await json(h.call('POST', '/api/kill-switch', { body: { engaged: true, reason: 'drill' } })),
    );
    expect(engaged.engaged).toBe(true);
    expect(engaged.engagedBy).toBe('operator');
    expect(engaged.engagedAt).not.toBeNull();
    const before = h.engine.state().faultsInjected;
    await h.engine.advance(6 * 20);
    expect(h.engine.state().faultsInjected).toBe(before);
    const service = h.engine.topology.services[0]?.id;
    const refused = await h.call('POST', '/api/simulation/faults', {
      body: { scenario: 'bad_deploy', service },
    });
    expect(refused.status).toBe(409);
    expect((await h.repo.getKillSwitch()).engaged).toBe(true);
    const released = await json(
      h.call('POST', '/api/kill-switch', { body: { engaged: false, reason: 'drill over' } }),
    );
    expect(released.engaged).toBe(false);
    await h.engine.advance(6 * 5);
    expect(h.engine.state().faultsInjected).toBeGreaterThan(before);
  });

  it('the guard blocks actions while the kill switch is engaged and records them', async () => {
    const h = await harness();
    const ran = await h.engine.guard(
      { kind: 'task.restart_service', target: 'x', actor: 'taskops' },
      async () => 'done',
    );
    expect(ran.status).toBe('ran');
    await h.call('POST', '/api/kill-switch', {
      body: { engaged: true, reason: 'stop everything' },
    });
    let called = false;
    const blocked = await h.engine.guard(
      { kind: 'task.restart_service', target: 'x', actor: 'taskops' },
      async () => {
        called = true;
      },
    );
    expect(blocked.status).toBe('blocked');
    expect(called).toBe(false);
    const state = KillSwitchState.parse(await json(h.call('GET', '/api/kill-switch')));
    expect(state.blockedCount).toBe(1);
    const audit = await h.repo.listAudit({ limit: 1, action: 'task.restart_service' });
    expect(audit.items[0]?.result).toBe('blocked');
  });
});
