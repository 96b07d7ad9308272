import type { FaultScenario, RemediationKind, Tier } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';
import type { SimEvent, SimFault, Simulator } from './types.ts';

const quiet = (seed = 31): Simulator =>
  createSimulator({ seed, faultGeneration: false, noisePerHour: 0 });

const rootFor = (sim: Simulator, scenario: FaultScenario, tier?: Tier): string => {
  const s = sim.topology.services.find(
    (x) => (tier === undefined || x.tier === tier) && sim.scenariosFor(x.id).includes(scenario),
  );
  if (!s) throw new Error(`no root for ${scenario}`);
  return s.id;
};

/** Tracks the open alerts each fault caused. */
const openAlertsOf = (open: Map<string, string>, events: readonly SimEvent[]): void => {
  for (const e of events) {
    if (e.type !== 'alert' || !('faultId' in e.cause)) continue;
    if (e.status === 'firing') open.set(e.key, e.cause.faultId);
    else open.delete(e.key);
  }
};

const openFor = (open: Map<string, string>, fault: SimFault): number =>
  [...open.values()].filter((id) => id === fault.id).length;

const metricOf = (
  events: readonly SimEvent[],
  service: string,
  name: 'error_rate' | 'latency_p95_ms',
) =>
  events.flatMap((e) => (e.type === 'metrics' ? e.samples : [])).find((s) => s.service === service)
    ?.values[name] ?? Number.NaN;

/** Injects a fault, waits until its alerts fire, applies `kind` on the root, watches after. */
const remedy = (scenario: FaultScenario, kind: RemediationKind, tier?: Tier) => {
  const sim = quiet();
  for (let i = 0; i < 3; i++) sim.step();
  const root = rootFor(sim, scenario, tier);
  const fault = sim.injectFault(scenario, root);
  const open = new Map<string, string>();
  const endTick = (Date.parse(fault.endsAt) - sim.now.getTime()) / 10_000 + sim.ticks;
  while (openFor(open, fault) === 0 && sim.ticks < endTick - 6) openAlertsOf(open, sim.step());
  const firing = openFor(open, fault);
  const effect = sim.applyAction(kind, root);
  const actedAt = sim.now.toISOString();
  for (let i = 0; i < 4; i++) openAlertsOf(open, sim.step());
  return { sim, fault, root, effect, firing, stillOpen: openFor(open, fault), actedAt };
};

describe('remediation actions', () => {
  const cases: [FaultScenario, RemediationKind, Tier?][] = [
    ['db_saturation', 'scale_out'],
    ['memory_leak', 'restart_service'],
    ['bad_deploy', 'rollback_deploy'],
    ['disk_filling', 'free_disk'],
    ['disk_filling', 'rotate_logs'],
    ['dependency_timeout', 'restart_service', 'domain'],
    ['dependency_timeout', 'clear_cache', 'cache'],
    ['dependency_timeout', 'scale_out', 'datastore'],
    ['network_partition', 'failover_region'],
    ['queue_backlog', 'scale_out'],
  ];

  it.each(cases)(
    'ends %s with %s on its root, and its alerts resolve soon after',
    (scenario, kind, tier) => {
      const { fault, effect, firing, stillOpen, actedAt } = remedy(scenario, kind, tier);
      expect(effect.applied).toBe(true);
      expect(firing).toBeGreaterThan(0);
      expect(fault.mitigatedBy).toBe(kind);
      expect(fault.mitigatedAt).toBe(actedAt);
      expect(fault.endedAt).not.toBeNull();
      expect(Date.parse(fault.endedAt ?? '')).toBeLessThanOrEqual(Date.parse(actedAt) + 20_000);
      expect(Date.parse(fault.endedAt ?? '')).toBeLessThan(Date.parse(fault.endsAt));
      expect(stillOpen).toBe(0);
    },
  );

  it('leaves a fault running when the action is not the right one', () => {
    const { fault, effect, stillOpen } = remedy('memory_leak', 'scale_out');
    expect(effect.applied).toBe(true);
    expect(fault.mitigatedAt).toBeUndefined();
    expect(fault.endedAt).toBeNull();
    expect(stillOpen).toBeGreaterThan(0);
  });

  it('says what it did in operator words, never what was wrong', () => {
    const { effect, root, sim } = remedy('memory_leak', 'restart_service');
    const hosts = sim.topology.hosts.filter((h) => h.serviceId === root).length;
    expect(effect.message).toBe(`restarted ${hosts} hosts of ${root}`);
    expect(effect.message).not.toMatch(/leak|fault|mitigat/);
  });

  it('makes things worse when a caller of a saturated database is restarted', () => {
    const drive = (restart: boolean) => {
      const sim = quiet();
      sim.step();
      const root = rootFor(sim, 'db_saturation');
      const fault = sim.injectFault('db_saturation', root);
      let caller: string | undefined;
      while (caller === undefined) {
        sim.step();
        caller = fault.affected.find((a) => a.via === root)?.service;
      }
      if (restart) expect(sim.applyAction('restart_service', caller).applied).toBe(true);
      const next = sim.step();
      return { fault, caller, errors: metricOf(next, caller, 'error_rate') };
    };
    const calm = drive(false);
    const restarted = drive(true);
    expect(restarted.caller).toBe(calm.caller);
    expect(restarted.errors).toBeGreaterThan(calm.errors + 0.05);
    expect(restarted.fault.mitigatedAt).toBeUndefined();
  });

  it('makes a saturated database slower and more error-prone when scaled in', () => {
    const drive = (scaleIn: boolean) => {
      const sim = quiet();
      sim.step();
      const root = rootFor(sim, 'db_saturation');
      sim.injectFault('db_saturation', root);
      for (let i = 0; i < 4; i++) sim.step();
      if (scaleIn) expect(sim.applyAction('scale_in', root).applied).toBe(true);
      const next = sim.step();
      return [metricOf(next, root, 'latency_p95_ms'), metricOf(next, root, 'error_rate')];
    };
    const [calmLatency = 0, calmErrors = 0] = drive(false);
    const [latency = 0, errors = 0] = drive(true);
    expect(latency).toBeGreaterThan(calmLatency * 1.5);
    expect(errors).toBeGreaterThan(calmErrors);
  });

  it('runs routine actions on a healthy service without changing any metric', () => {
    const drive = (routine: boolean) => {
      const sim = quiet(8);
      sim.step();
      const db = rootFor(sim, 'db_saturation');
      if (routine) {
        expect(sim.applyAction('backup_datastore', db).applied).toBe(true);
        expect(sim.applyAction('verify_backup', db).applied).toBe(true);
        expect(sim.applyAction('rotate_logs', db, { keepDays: 3 }).applied).toBe(true);
      }
      return JSON.stringify(Array.from({ length: 20 }, () => sim.step()));
    };
    expect(drive(true)).toBe(drive(false));
  });

  it('replays the same events for the same actions', () => {
    const drive = () => {
      const sim = createSimulator({ seed: 12 });
      const events: SimEvent[] = [];
      for (let i = 0; i < 60; i++) {
        events.push(...sim.step());
        const active = sim.activeFaults[0];
        if (i % 7 === 0 && active) sim.applyAction('restart_service', active.rootService);
      }
      return JSON.stringify(events);
    };
    expect(drive()).toBe(drive());
  });
});

describe('action preconditions', () => {
  const sim = quiet();
  const byTier = (tier: Tier): string =>
    sim.topology.services.find((s) => s.tier === tier)?.id ?? '';
  const refusals: [string, RemediationKind, string, Record<string, string | number>?][] = [
    ['an unknown service', 'restart_service', 'no-such-service'],
    ['a backup of an api service', 'backup_datastore', byTier('api')],
    ['clearing the cache of a datastore', 'clear_cache', byTier('datastore')],
    ['verifying a backup never taken', 'verify_backup', byTier('datastore')],
    ['rolling back a service never deployed', 'rollback_deploy', byTier('api')],
    ['scaling in below one instance', 'scale_in', byTier('api'), { instances: 10 }],
    ['scaling by a fraction', 'scale_out', byTier('api'), { instances: 1.5 }],
    ['keeping logs for zero days', 'rotate_logs', byTier('api'), { keepDays: 0 }],
  ];

  it.each(refusals)('refuses %s', (_, kind, service, params) => {
    const before = JSON.stringify(sim.topology);
    const effect = sim.applyAction(kind, service, params);
    expect(effect.applied).toBe(false);
    expect(effect.message.length).toBeGreaterThan(10);
    expect(JSON.stringify(sim.topology)).toBe(before);
  });

  it('refuses a failover without a peer region, and to a region that is not one', () => {
    const lonely = sim.topology.services.find(
      (s) => !sim.scenariosFor(s.id).includes('network_partition'),
    );
    const peered = sim.topology.services.find((s) =>
      sim.scenariosFor(s.id).includes('network_partition'),
    );
    expect(sim.applyAction('failover_region', lonely?.id ?? '').message).toMatch(/no standby/);
    expect(
      sim.applyAction('failover_region', peered?.id ?? '', { toRegion: 'mars-1' }).applied,
    ).toBe(false);
    expect(sim.applyAction('failover_region', peered?.id ?? '').applied).toBe(true);
  });
});
