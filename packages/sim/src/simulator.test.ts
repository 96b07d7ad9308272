import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';
import { type SimEvent, SimulationError, type Simulator } from './types.ts';

const firstEvents = (seed: number, count: number): SimEvent[] => {
  const sim = createSimulator({ seed });
  const events: SimEvent[] = [];
  while (events.length < count) events.push(...sim.step());
  return events.slice(0, count);
};

const run = (sim: Simulator, steps: number): SimEvent[] => {
  const events: SimEvent[] = [];
  for (let i = 0; i < steps; i++) events.push(...sim.step());
  return events;
};

const seconds = (iso: string): number => Date.parse(iso) / 1000;

describe('createSimulator', () => {
  it('replays the same first 1,000 events for the same seed', () => {
    const a = firstEvents(42, 1000);
    expect(JSON.stringify(a)).toBe(JSON.stringify(firstEvents(42, 1000)));
    expect(a.some((e) => e.type === 'alert')).toBe(true);
    expect(a.some((e) => e.type === 'fault_started')).toBe(true);
  });

  it('produces a different sequence for a different seed', () => {
    expect(JSON.stringify(firstEvents(42, 1000))).not.toBe(JSON.stringify(firstEvents(43, 1000)));
  });

  it('replays operator faults the same way too', () => {
    const drive = () => {
      const sim = createSimulator({ seed: 5 });
      run(sim, 10);
      sim.injectFault('bad_deploy', 'checkout-api');
      return JSON.stringify(run(sim, 60));
    };
    expect(drive()).toBe(drive());
  });

  it('starts on Monday 2026-01-05 and advances ten virtual seconds per step', () => {
    const sim = createSimulator({ seed: 1 });
    expect(sim.now.toISOString()).toBe('2026-01-05T00:00:00.000Z');
    const events = sim.step();
    expect(sim.ticks).toBe(1);
    expect(sim.now.toISOString()).toBe('2026-01-05T00:00:10.000Z');
    expect(events.every((e) => e.at === '2026-01-05T00:00:10.000Z')).toBe(true);
  });

  it('orders each step: fault events, one metrics event, alerts, then logs', () => {
    const sim = createSimulator({ seed: 9 });
    const rank = {
      fault_started: 0,
      fault_spread: 0,
      fault_ended: 0,
      metrics: 1,
      alert: 2,
      log: 3,
    };
    for (let i = 0; i < 400; i++) {
      const events = sim.step();
      const ranks = events.map((e) => rank[e.type]);
      expect(ranks).toEqual([...ranks].sort((x, y) => x - y));
      expect(events.filter((e) => e.type === 'metrics')).toHaveLength(1);
    }
  });

  it('samples every service once per step with all six metrics', () => {
    const sim = createSimulator({ seed: 2 });
    const metrics = sim.step().find((e) => e.type === 'metrics');
    expect(metrics?.samples.map((s) => s.service)).toEqual(sim.topology.services.map((s) => s.id));
    expect(Object.keys(metrics?.samples[0]?.values ?? {}).sort()).toEqual([
      'cpu',
      'disk',
      'error_rate',
      'latency_p95_ms',
      'memory',
      'throughput_rps',
    ]);
  });

  it('starts generated faults 30 to 60 virtual seconds apart', () => {
    const sim = createSimulator({ seed: 11 });
    run(sim, 2000);
    const starts = sim.faults.map((f) => seconds(f.startedAt));
    expect(starts.length).toBeGreaterThan(200);
    for (let i = 1; i < starts.length; i++) {
      const gap = (starts[i] ?? 0) - (starts[i - 1] ?? 0);
      expect(gap).toBeGreaterThanOrEqual(30);
      expect(gap).toBeLessThanOrEqual(60);
    }
    expect(sim.faults.every((f) => f.injectedBy === 'generator')).toBe(true);
    expect(sim.faults.map((f) => f.id).slice(0, 2)).toEqual(['FLT-000001', 'FLT-000002']);
  });

  it('honours a custom fault interval', () => {
    const sim = createSimulator({ seed: 11, faultIntervalSeconds: [120, 120] });
    run(sim, 200);
    const starts = sim.faults.map((f) => seconds(f.startedAt));
    for (let i = 1; i < starts.length; i++)
      expect((starts[i] ?? 0) - (starts[i - 1] ?? 0)).toBe(120);
  });

  it('stops starting faults once generation is off and lets active ones run to their end', () => {
    const sim = createSimulator({ seed: 12 });
    run(sim, 100);
    sim.setFaultGeneration(false);
    expect(sim.faultGeneration).toBe(false);
    const count = sim.faults.length;
    const active = sim.activeFaults.length;
    expect(active).toBeGreaterThan(0);
    const events = run(sim, 60);
    expect(sim.faults).toHaveLength(count);
    expect(events.filter((e) => e.type === 'fault_started')).toHaveLength(0);
    expect(events.filter((e) => e.type === 'fault_ended')).toHaveLength(active);
    expect(sim.activeFaults).toHaveLength(0);
    sim.setFaultGeneration(true);
    run(sim, 7);
    expect(sim.faults.length).toBe(count + 1);
  });

  it('generates nothing when created with generation off', () => {
    const sim = createSimulator({ seed: 3, faultGeneration: false });
    run(sim, 300);
    expect(sim.faults).toHaveLength(0);
  });
});

describe('injectFault', () => {
  it('starts a fault now on a service named by id or name, as the operator', () => {
    const sim = createSimulator({ seed: 4, faultGeneration: false });
    run(sim, 3);
    const fault = sim.injectFault('db_saturation', 'orders-db');
    expect(fault).toMatchObject({
      id: 'FLT-000001',
      scenario: 'db_saturation',
      rootService: 'orders-db',
      startedAt: sim.now.toISOString(),
      endedAt: null,
      injectedBy: 'operator',
      affected: [{ service: 'orders-db', at: sim.now.toISOString(), via: null }],
    });
    const length = seconds(fault.endsAt) - seconds(fault.startedAt);
    expect(length).toBeGreaterThanOrEqual(180);
    expect(length).toBeLessThanOrEqual(480);
    expect(sim.activeFaults).toEqual([fault]);
    const next = sim.step();
    expect(next[0]).toMatchObject({ type: 'fault_started', fault: { id: 'FLT-000001' } });
    const edge = sim.topology.services.find((s) => s.tier === 'edge');
    expect(sim.injectFault('bad_deploy', edge?.name ?? '').id).toBe('FLT-000002');
  });

  it('rejects an unknown service', () => {
    const sim = createSimulator({ seed: 4 });
    expect(() => sim.injectFault('bad_deploy', 'no-such-service')).toThrow(
      expect.objectContaining({ name: 'SimulationError', code: 'unknown_service' }),
    );
  });

  it('rejects a scenario that does not fit the service', () => {
    const sim = createSimulator({ seed: 4 });
    const attempt = () => sim.injectFault('db_saturation', 'checkout-api');
    expect(attempt).toThrow(SimulationError);
    expect(attempt).toThrow(expect.objectContaining({ code: 'scenario_not_applicable' }));
    expect(() => sim.injectFault('queue_backlog', 'orders-db')).toThrow(SimulationError);
  });

  it('lists the scenarios that apply to each tier', () => {
    const sim = createSimulator({ seed: 4 });
    expect(sim.scenariosFor('orders-db')).toEqual(
      expect.arrayContaining(['db_saturation', 'disk_filling', 'dependency_timeout']),
    );
    expect(sim.scenariosFor('events-queue')).toEqual(
      expect.arrayContaining(['disk_filling', 'queue_backlog']),
    );
    expect(sim.scenariosFor('checkout-api')).toEqual(
      expect.arrayContaining(['memory_leak', 'bad_deploy']),
    );
    expect(sim.scenariosFor('checkout-api')).not.toContain('db_saturation');
    const remote = sim.topology.services.filter((s) =>
      sim.scenariosFor(s.id).includes('network_partition'),
    );
    expect(remote.length).toBeGreaterThan(0);
    for (const s of remote) {
      const callers = sim.topology.services.filter((c) => c.dependsOn.includes(s.id));
      expect(callers.some((c) => c.region !== s.region)).toBe(true);
    }
  });

  it('throws unknown_service from scenariosFor as well', () => {
    expect(() => createSimulator({ seed: 4 }).scenariosFor('nope')).toThrow(SimulationError);
  });
});
