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

describe('faults kept in memory', () => {
  it('drops old ended faults without changing a single event', () => {
    // The reference keeps every fault; the others must emit exactly the same stream.
    const seed = 31;
    const all = createSimulator({ seed, endedFaultsKept: Number.POSITIVE_INFINITY });
    const capped = [0, 7].map((kept) => ({
      kept,
      sim: createSimulator({ seed, endedFaultsKept: kept }),
    }));
    for (let i = 0; i < 1500; i++) {
      // Actions end faults early (out of serial order) and must land the same everywhere.
      const target = i % 50 === 0 ? all.activeFaults[0]?.rootService : undefined;
      const events = all.step();
      const stream = JSON.stringify(events);
      if (target) all.applyAction('restart_service', target);
      for (const { sim } of capped) {
        expect(JSON.stringify(sim.step())).toBe(stream);
        if (target) sim.applyAction('restart_service', target);
        // Whoever reads a step's events finds the faults they name, even with nothing kept.
        for (const e of events)
          if (e.type === 'fault_ended') expect(sim.fault(e.faultId)?.endedAt).toBe(e.at);
      }
    }
    const ended = all.faults.filter((f) => f.endedAt !== null);
    expect(ended.length).toBeGreaterThan(100);
    for (const { kept, sim } of capped) {
      expect(sim.faultsStarted).toBe(all.faults.length);
      const held = sim.faults;
      const heldIds = new Set(held.map((f) => f.id));
      // Every active fault is held…
      const active = sim.activeFaults.map((f) => f.id);
      expect(active.length).toBeGreaterThan(0);
      for (const id of active) expect(heldIds.has(id)).toBe(true);
      // …with the `kept` most recent to end before the last step, and all that ended in it.
      const lastStep = all.now.toISOString();
      const endedBefore = ended.filter((f) => f.endedAt !== lastStep);
      const heldBefore = held.filter((f) => f.endedAt !== null && f.endedAt !== lastStep);
      expect(heldBefore).toHaveLength(Math.min(kept, endedBefore.length));
      const droppedLast = ended
        .filter((f) => !heldIds.has(f.id))
        .map((f) => f.endedAt ?? '')
        .sort()
        .at(-1);
      for (const f of heldBefore) expect((f.endedAt ?? '') >= (droppedLast ?? '')).toBe(true);
      for (const f of ended) if (f.endedAt === lastStep) expect(heldIds.has(f.id)).toBe(true);
      // Held faults are the reference's, oldest first, found by id; dropped ones are not.
      for (const f of held) expect(f).toEqual(all.fault(f.id));
      expect(held).toEqual([...held].sort((a, b) => a.id.localeCompare(b.id)));
      expect(sim.fault(ended[0]?.id ?? '')).toBeUndefined();
    }
  });

  it('refuses a negative or fractional number of kept faults', () => {
    expect(() => createSimulator({ seed: 1, endedFaultsKept: -1 })).toThrow(/endedFaultsKept/);
    expect(() => createSimulator({ seed: 1, endedFaultsKept: 2.5 })).toThrow(/endedFaultsKept/);
  });
});
