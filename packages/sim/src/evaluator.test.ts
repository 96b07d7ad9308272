import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_ONSET_JITTER_TICKS } from './evaluator.ts';
import { createSimulator } from './simulator.ts';
import { type SimEvent, type Simulator, TICK_SECONDS } from './types.ts';

type AlertEvent = Extract<SimEvent, { type: 'alert' }>;

const alertsOf = (sim: Simulator, steps: number): AlertEvent[] => {
  const alerts: AlertEvent[] = [];
  for (let i = 0; i < steps; i++)
    for (const e of sim.step()) if (e.type === 'alert') alerts.push(e);
  return alerts;
};

describe('alerts', () => {
  it('ties every fault-caused alert to a fault that reached its service before it fired', () => {
    fc.assert(
      fc.property(fc.integer(), (seed) => {
        const sim = createSimulator({ seed });
        const alerts = alertsOf(sim, 300);
        const faults = new Map(sim.faults.map((f) => [f.id, f]));
        for (const a of alerts) {
          if (a.status !== 'firing' || !('faultId' in a.cause)) continue;
          const fault = faults.get(a.cause.faultId);
          const reached = fault?.affected.find((x) => x.service === a.labels.service);
          expect(reached && reached.at <= a.at).toBe(true);
          expect(fault?.alertKeys).toContain(a.key);
        }
        for (const f of sim.faults) {
          for (const key of f.alertKeys) {
            const firing = alerts.find((a) => a.key === key);
            expect(firing?.cause).toEqual({ faultId: f.id });
          }
        }
      }),
      { numRuns: 15 },
    );
  });

  it('resolves a key only after it fired, once, repeating its labels with endsAt set', () => {
    const alerts = alertsOf(createSimulator({ seed: 41 }), 1000);
    const firing = new Map<string, AlertEvent>();
    const resolved = new Set<string>();
    for (const a of alerts) {
      if (a.status === 'firing') {
        expect(firing.has(a.key)).toBe(false);
        expect(a).toMatchObject({ startsAt: a.at, endsAt: null });
        firing.set(a.key, a);
      } else {
        const fired = firing.get(a.key);
        expect(fired).toBeDefined();
        expect(resolved.has(a.key)).toBe(false);
        expect(a.labels).toEqual(fired?.labels);
        expect(a.fingerprint).toBe(fired?.fingerprint);
        expect(a.startsAt).toBe(fired?.startsAt);
        expect(a.endsAt).toBe(a.at);
        expect(a.at > (fired?.at ?? '')).toBe(true);
        resolved.add(a.key);
      }
    }
    expect(firing.size).toBeGreaterThan(100);
  });

  it('keeps at most one open alert per alertname and host', () => {
    const open = new Set<string>();
    for (const a of alertsOf(createSimulator({ seed: 42 }), 1000)) {
      const id = `${a.labels.alertname}|${a.labels.host}`;
      if (a.status === 'firing') {
        expect(open.has(id)).toBe(false);
        open.add(id);
      } else {
        open.delete(id);
      }
    }
  });

  it('ends every fault and resolves all its alerts once generation stops', () => {
    const sim = createSimulator({ seed: 43 });
    const alerts = alertsOf(sim, 600);
    sim.setFaultGeneration(false);
    alerts.push(...alertsOf(sim, 60));
    expect(sim.activeFaults).toHaveLength(0);
    const resolved = new Set(alerts.filter((a) => a.status === 'resolved').map((a) => a.key));
    for (const fault of sim.faults) {
      expect(fault.endedAt).not.toBeNull();
      expect(fault.alertKeys.filter((k) => !resolved.has(k))).toEqual([]);
    }
  });

  it('raises a storm of a few dozen alerts per fault (one per host), not hundreds', () => {
    const sim = createSimulator({ seed: 44 });
    alertsOf(sim, 2000);
    const sizes = sim.faults.filter((f) => f.endedAt !== null).map((f) => f.alertKeys.length);
    const mean = sizes.reduce((a, b) => a + b, 0) / sizes.length;
    expect(mean).toBeGreaterThan(2);
    expect(mean).toBeLessThan(40);
    expect(Math.max(...sizes)).toBeLessThan(150);
  });

  it('fires a rule on every host of an affected service, a few ticks apart', () => {
    const sim = createSimulator({ seed: 7, faultGeneration: false, noisePerHour: 0 });
    sim.injectFault('db_saturation', 'orders-db');
    const alerts = alertsOf(sim, 60).filter(
      (a) => a.status === 'firing' && a.labels.alertname === 'DatabaseConnectionsSaturated',
    );
    const hosts = sim.topology.hosts.filter((h) => h.serviceId === 'orders-db').map((h) => h.id);
    expect(alerts.map((a) => a.labels.host).sort()).toEqual([...hosts].sort());
    expect(new Set(alerts.map((a) => a.fingerprint)).size).toBe(hosts.length);
    const onsets = alerts.map((a) => Date.parse(a.startsAt));
    const spread = (Math.max(...onsets) - Math.min(...onsets)) / 1000;
    expect(spread).toBeLessThanOrEqual(MAX_ONSET_JITTER_TICKS * TICK_SECONDS);
  });

  it('labels alerts with service, severity, region, one of its hosts and tier, fingerprinted', () => {
    const sim = createSimulator({ seed: 45 });
    const hosts = new Map(sim.topology.hosts.map((h) => [h.id, h.serviceId]));
    const services = new Map(sim.topology.services.map((s) => [s.id, s]));
    for (const a of alertsOf(sim, 300)) {
      const s = services.get(a.labels.service);
      expect(s).toBeDefined();
      expect(a.labels.region).toBe(s?.region);
      expect(a.labels.tier).toBe(s?.tier);
      expect(hosts.get(a.labels.host)).toBe(a.labels.service);
      expect(['critical', 'warning', 'info']).toContain(a.labels.severity);
      expect(a.key).toMatch(/^SA-\d{6}$/);
      expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
      expect(a.annotations.summary?.length).toBeGreaterThan(0);
      expect(a.annotations.description?.length).toBeGreaterThan(0);
    }
  });

  it('stays silent on a healthy estate for a whole virtual week', () => {
    const sim = createSimulator({ seed: 46, faultGeneration: false, noisePerHour: 0 });
    let alerts = 0;
    const peak = { cpu: 0, memory: 0, disk: 0, error_rate: 0 };
    for (let i = 0; i < 7 * 8640; i++) {
      for (const e of sim.step()) {
        if (e.type === 'alert') alerts++;
        if (e.type !== 'metrics') continue;
        for (const { values } of e.samples) {
          for (const k of ['cpu', 'memory', 'disk', 'error_rate'] as const) {
            peak[k] = Math.max(peak[k], values[k]);
          }
        }
      }
    }
    expect(alerts).toBe(0);
    // Clear margins below the thresholds (85% CPU, 88% memory, 80% disk, 5% errors).
    expect(peak.cpu).toBeLessThan(0.7);
    expect(peak.memory).toBeLessThan(0.84);
    expect(peak.disk).toBeLessThan(0.7);
    expect(peak.error_rate).toBeLessThan(0.02);
  });
});
