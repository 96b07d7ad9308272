import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_AFFECTED, MAX_HOPS } from './faults.ts';
import { createSimulator } from './simulator.ts';
import type { SimEvent, SimFault } from './types.ts';

const hopsOf = (fault: SimFault): Map<string, number> => {
  const hops = new Map<string, number>();
  for (const a of fault.affected)
    hops.set(a.service, a.via === null ? 0 : (hops.get(a.via) ?? 99) + 1);
  return hops;
};

describe('fault propagation', () => {
  it('spreads only from a service to its callers, after it was reached itself', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 30, max: 80 }), (seed, services) => {
        const sim = createSimulator({ seed, services });
        const spreads: Extract<SimEvent, { type: 'fault_spread' }>[] = [];
        for (let i = 0; i < 240; i++) {
          for (const e of sim.step()) if (e.type === 'fault_spread') spreads.push(e);
        }
        const byId = new Map(sim.topology.services.map((s) => [s.id, s]));
        for (const fault of sim.faults) {
          const [root, ...rest] = fault.affected;
          expect(root).toEqual({ service: fault.rootService, at: fault.startedAt, via: null });
          const seen = new Map([[fault.rootService, fault.startedAt]]);
          for (const a of rest) {
            const via = a.via ?? '';
            expect(byId.get(a.service)?.dependsOn).toContain(via);
            const viaAt = seen.get(via);
            expect(viaAt !== undefined && viaAt < a.at).toBe(true);
            expect(seen.has(a.service)).toBe(false);
            seen.set(a.service, a.at);
          }
        }
        // The events tell the same story as the ground truth.
        const fromEvents = spreads.map((e) => `${e.faultId} ${e.service} ${e.via} ${e.at}`);
        const fromFaults = sim.faults.flatMap((f) =>
          f.affected.slice(1).map((a) => `${f.id} ${a.service} ${a.via} ${a.at}`),
        );
        expect(fromEvents.sort()).toEqual(fromFaults.sort());
      }),
      { numRuns: 25 },
    );
  });

  it('stays within three hops and a bounded number of services per fault', () => {
    const sim = createSimulator({ seed: 21, services: 300 });
    for (let i = 0; i < 1500; i++) sim.step();
    for (const fault of sim.faults) {
      expect(Math.max(...hopsOf(fault).values())).toBeLessThanOrEqual(MAX_HOPS);
      expect(fault.affected.length).toBeLessThanOrEqual(MAX_AFFECTED);
    }
    expect(sim.faults.some((f) => f.affected.length > 2)).toBe(true);
  });

  it('waits 20 to 90 virtual seconds per hop', () => {
    const sim = createSimulator({ seed: 22 });
    for (let i = 0; i < 1500; i++) sim.step();
    for (const fault of sim.faults) {
      const at = new Map(fault.affected.map((a) => [a.service, Date.parse(a.at)]));
      for (const a of fault.affected.slice(1)) {
        const gap = (Date.parse(a.at) - (at.get(a.via ?? '') ?? 0)) / 1000;
        expect(gap).toBeGreaterThanOrEqual(20);
      }
    }
  });

  it('lets a network partition reach only callers in another region than the root', () => {
    const sim = createSimulator({ seed: 23, faultGeneration: false });
    const region = new Map(sim.topology.services.map((s) => [s.id, s.region]));
    const roots = sim.topology.services.filter((s) =>
      sim.scenariosFor(s.id).includes('network_partition'),
    );
    for (const root of roots) sim.injectFault('network_partition', root.id);
    for (let i = 0; i < 60; i++) sim.step();
    for (const fault of sim.faults) {
      for (const a of fault.affected.slice(1)) {
        expect(region.get(a.service)).not.toBe(region.get(fault.rootService));
      }
    }
    expect(sim.faults.some((f) => f.affected.length > 1)).toBe(true);
  });

  it('always passes a fault from its root to at least one caller', () => {
    const sim = createSimulator({ seed: 25, faultGeneration: false, noisePerHour: 0 });
    const datastores = sim.topology.services.filter((s) => s.tier === 'datastore');
    const faults = datastores.map((s) => sim.injectFault('db_saturation', s.id));
    for (let i = 0; i < 17; i++) sim.step();
    for (const fault of faults) expect(fault.affected.length).toBeGreaterThan(1);
  });

  it('ends every fault at its endsAt and stops spreading it', () => {
    const sim = createSimulator({ seed: 24 });
    const endedAt = new Map<string, string>();
    const spreadAt = new Map<string, string[]>();
    for (let i = 0; i < 1200; i++) {
      for (const e of sim.step()) {
        if (e.type === 'fault_ended') endedAt.set(e.faultId, e.at);
        if (e.type === 'fault_spread')
          spreadAt.set(e.faultId, [...(spreadAt.get(e.faultId) ?? []), e.at]);
      }
    }
    for (const fault of sim.faults) {
      const ended = endedAt.get(fault.id);
      if (ended === undefined) {
        expect(fault.endedAt).toBeNull();
        continue;
      }
      expect(fault.endedAt).toBe(fault.endsAt);
      expect(ended).toBe(fault.endsAt);
      for (const at of spreadAt.get(fault.id) ?? []) expect(at < ended).toBe(true);
    }
  });
});
