import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';
import type { Simulator } from './types.ts';

const quiet = (options: { seed?: number; patchRegressionRate?: number } = {}): Simulator =>
  createSimulator({ seed: 21, faultGeneration: false, noisePerHour: 0, ...options });

const hostsOf = (sim: Simulator, service: string): string[] =>
  sim.topology.hosts.filter((h) => h.serviceId === service).map((h) => h.id);

/** A service with at least three hosts and a regressed and a clean candidate version. */
const setUp = (sim: Simulator) => {
  const service =
    sim.topology.services.find((s) => s.tier === 'api' && hostsOf(sim, s.id).length >= 3)?.id ?? '';
  const versions = Array.from({ length: 40 }, (_, k) => `9.${k}.0`);
  const bad = versions.find((v) => sim.isRegression(service, v)) ?? '';
  const good = versions.find((v) => !sim.isRegression(service, v)) ?? '';
  return { service, hosts: hostsOf(sim, service), bad, good };
};

describe('deploys', () => {
  it('puts the version on the named hosts, visible in the topology', () => {
    const sim = quiet();
    const { service, hosts, good } = setUp(sim);
    const [first = '', second = ''] = hosts;
    const effect = sim.deploy(service, [first], good);
    expect(effect.applied).toBe(true);
    expect(effect.hosts).toEqual([expect.objectContaining({ host: first, to: good })]);
    expect(sim.topology.hosts.find((h) => h.id === first)?.version).toBe(good);
    expect(sim.topology.hosts.find((h) => h.id === second)?.version).not.toBe(good);
  });

  it('raises the error rate and latency of hosts on a regressed version while others stay healthy', () => {
    const sim = quiet();
    const { service, hosts, bad } = setUp(sim);
    for (let i = 0; i < 3; i++) sim.step();
    const [canary = ''] = hosts;
    sim.deploy(service, [canary], bad);
    for (let i = 0; i < 5; i++) {
      sim.step();
      const readings = sim.hostMetrics(service);
      const mine = readings.find((r) => r.host === canary);
      const others = readings.filter((r) => r.host !== canary);
      expect(mine?.version).toBe(bad);
      expect(mine?.errorRate ?? 0).toBeGreaterThan(
        0.03 + Math.max(...others.map((r) => r.errorRate)),
      );
      expect(mine?.latencyP95 ?? 0).toBeGreaterThan(
        1.3 * Math.max(...others.map((r) => r.latencyP95)),
      );
      expect(Math.max(...others.map((r) => r.errorRate))).toBeLessThan(0.02);
    }
  });

  it('rolls a regression back with rollback_deploy, and the hosts recover', () => {
    const sim = quiet();
    const { service, hosts, bad } = setUp(sim);
    const before = hosts.map((h) => sim.topology.hosts.find((x) => x.id === h)?.version);
    sim.deploy(service, hosts, bad);
    sim.step();
    expect(Math.min(...sim.hostMetrics(service).map((r) => r.errorRate))).toBeGreaterThan(0.03);
    expect(sim.applyAction('rollback_deploy', service).applied).toBe(true);
    sim.step();
    expect(hosts.map((h) => sim.topology.hosts.find((x) => x.id === h)?.version)).toEqual(before);
    expect(Math.max(...sim.hostMetrics(service).map((r) => r.errorRate))).toBeLessThan(0.02);
  });

  it('decides regressions the same way for the same seed, at about the configured rate', () => {
    const decide = (seed: number) => {
      const sim = quiet({ seed });
      const service = sim.topology.services[5]?.id ?? '';
      return Array.from({ length: 400 }, (_, k) => sim.isRegression(service, `7.${k}.1`));
    };
    expect(decide(3)).toEqual(decide(3));
    expect(decide(3)).not.toEqual(decide(4));
    const share = decide(3).filter(Boolean).length / 400;
    expect(share).toBeGreaterThan(0.18);
    expect(share).toBeLessThan(0.32);
  });

  it('follows patchRegressionRate, and never regresses the versions the estate started on', () => {
    const none = quiet({ patchRegressionRate: 0 });
    const all = quiet({ patchRegressionRate: 1 });
    const { service } = setUp(none);
    expect(none.isRegression(service, '9.9.9')).toBe(false);
    expect(all.isRegression(service, '9.9.9')).toBe(true);
    for (const h of all.topology.hosts)
      expect(all.isRegression(h.serviceId, h.version)).toBe(false);
  });

  it('refuses a bad version string, an empty host list and a host of another service', () => {
    const sim = quiet();
    const { service, hosts } = setUp(sim);
    const stranger = sim.topology.hosts.find((h) => h.serviceId !== service)?.id ?? '';
    expect(sim.deploy(service, hosts, 'latest').applied).toBe(false);
    expect(sim.deploy(service, [], '1.2.3').applied).toBe(false);
    expect(sim.deploy(service, [stranger], '1.2.3').applied).toBe(false);
    expect(sim.deploy('nope', hosts, '1.2.3').applied).toBe(false);
  });

  it('ships a hotfix with a bad_deploy fault, which rollback_deploy takes back', () => {
    const sim = quiet();
    const service = sim.topology.services.find((s) => s.tier === 'api')?.id ?? '';
    const before = hostsOf(sim, service).map(
      (h) => sim.topology.hosts.find((x) => x.id === h)?.version,
    );
    const fault = sim.injectFault('bad_deploy', service);
    const shipped = hostsOf(sim, service).map(
      (h) => sim.topology.hosts.find((x) => x.id === h)?.version,
    );
    expect(shipped).not.toEqual(before);
    expect(new Set(shipped).size).toBe(1);
    sim.step();
    sim.applyAction('rollback_deploy', service);
    expect(
      hostsOf(sim, service).map((h) => sim.topology.hosts.find((x) => x.id === h)?.version),
    ).toEqual(before);
    sim.step();
    expect(fault.mitigatedBy).toBe('rollback_deploy');
  });
});
