import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';
import type { Simulator } from './types.ts';

const hostsOf = (sim: Simulator, service: string): string[] =>
  sim.topology.hosts.filter((h) => h.serviceId === service).map((h) => h.id);

describe('patch releases', () => {
  it('releases one new minor version every interval, the same way for the same seed', () => {
    const drive = () => {
      const sim = createSimulator({ seed: 9, faultGeneration: false, patchIntervalSeconds: 60 });
      expect(sim.availablePatches()).toEqual([]);
      for (let i = 0; i < 6; i++) sim.step();
      return sim.availablePatches();
    };
    const patches = drive();
    expect(patches).toHaveLength(1);
    expect(patches[0]?.toVersion).toMatch(/^\d+\.\d+\.0$/);
    expect(patches[0]?.releasedAt).toBe('2026-01-05T00:01:00.000Z');
    expect(drive()).toEqual(patches);
  });

  it('offers the oldest patch next, and drops it once it is deployed', () => {
    const sim = createSimulator({ seed: 9, faultGeneration: false, patchIntervalSeconds: 60 });
    for (let i = 0; i < 30; i++) sim.step();
    const next = sim.nextPatch();
    expect(next).not.toBeNull();
    const all = sim.availablePatches();
    expect(all[0]).toEqual(next);
    expect(new Set(all.map((p) => p.service)).size).toBe(all.length);
    const service = next?.service ?? '';
    const [host = ''] = hostsOf(sim, service);
    expect(next?.fromVersion).toBe(sim.topology.hosts.find((h) => h.id === host)?.version);
    sim.deploy(service, [host], next?.toVersion ?? '');
    expect(sim.availablePatches().some((p) => p.service === service)).toBe(false);
  });
});
