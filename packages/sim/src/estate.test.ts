import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEstate } from './estate.ts';
import { indexEstate } from './graph.ts';

const hasCycle = (deps: Map<string, readonly string[]>): boolean => {
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string): boolean => {
    const s = state.get(id);
    if (s === 'done') return false;
    if (s === 'visiting') return true;
    state.set(id, 'visiting');
    for (const next of deps.get(id) ?? []) if (visit(next)) return true;
    state.set(id, 'done');
    return false;
  };
  return [...deps.keys()].some(visit);
};

describe('createEstate', () => {
  const estate = createEstate(42);

  it('builds a default estate of at least 30 services across tiers and regions', () => {
    expect(estate.services.length).toBeGreaterThanOrEqual(30);
    const tiers = new Set<string>(estate.services.map((s) => s.tier));
    expect([...tiers].sort()).toEqual(['api', 'cache', 'datastore', 'domain', 'edge', 'queue']);
    expect(estate.regions.length).toBeGreaterThanOrEqual(2);
    expect(new Set(estate.services.map((s) => s.region)).size).toBeGreaterThanOrEqual(2);
  });

  it('gives every service two to four hosts with a version, all ids unique', () => {
    for (const s of estate.services) {
      const hosts = estate.hosts.filter((h) => h.serviceId === s.id);
      expect(hosts.length).toBeGreaterThanOrEqual(2);
      expect(hosts.length).toBeLessThanOrEqual(4);
      for (const h of hosts) {
        expect(h.region).toBe(s.region);
        expect(h.version).toMatch(/^\d+\.\d+\.\d+$/);
      }
    }
    expect(new Set(estate.hosts.map((h) => h.id)).size).toBe(estate.hosts.length);
    expect(new Set(estate.services.map((s) => s.id)).size).toBe(estate.services.length);
  });

  it('uses readable names such as edge-gateway and checkout-api', () => {
    const names = estate.services.map((s) => s.name);
    expect(names).toContain('edge-gateway');
    expect(names).toContain('checkout-api');
    expect(names).toContain('payments');
  });

  it('wires an acyclic graph whose edges name existing services and follow the tiers', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 12, max: 400 }), (seed, size) => {
        const topo = createEstate(seed, size);
        const byId = new Map(topo.services.map((s) => [s.id, s]));
        const order = ['edge', 'api', 'domain', 'datastore', 'queue', 'cache'];
        const callers = new Map<string, number>();
        for (const s of topo.services) {
          for (const dep of s.dependsOn) {
            const callee = byId.get(dep);
            if (!callee) return false;
            if (order.indexOf(callee.tier) < order.indexOf(s.tier)) return false;
            callers.set(dep, (callers.get(dep) ?? 0) + 1);
          }
          if (['edge', 'api', 'domain'].includes(s.tier) && s.dependsOn.length === 0) return false;
        }
        for (const s of topo.services) if (s.tier !== 'edge' && !callers.has(s.id)) return false;
        return (
          topo.services.length === size &&
          !hasCycle(new Map(topo.services.map((s) => [s.id, s.dependsOn])))
        );
      }),
      { numRuns: 60 },
    );
  });

  it('has callers in another region for some services, so partitions can happen', () => {
    const graph = indexEstate(estate);
    expect(graph.hasRemoteCaller.some(Boolean)).toBe(true);
  });

  it('is the same for the same seed and different for another', () => {
    expect(createEstate(42)).toEqual(estate);
    expect(createEstate(43)).not.toEqual(estate);
  });

  it('scales to 5,000 services with suffixed names', () => {
    const big = createEstate(1, 5000);
    expect(big.services).toHaveLength(5000);
    expect(big.services.map((s) => s.name)).toContain('payments-2');
    expect(big.regions).toHaveLength(3);
  });

  it('refuses estates too small to hold every tier', () => {
    expect(() => createEstate(1, 5)).toThrow(RangeError);
  });
});
