import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';

const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('host readings', () => {
  it('keeps healthy hosts close to the service baseline', () => {
    const sim = createSimulator({ seed: 21, faultGeneration: false, noisePerHour: 0 });
    const service = sim.topology.services.find((s) => s.tier === 'api')?.id ?? '';
    const events = sim.step();
    const sample = events.flatMap((e) => (e.type === 'metrics' ? e.samples : []));
    const values = sample.find((s) => s.service === service)?.values;
    const readings = sim.hostMetrics(service);
    expect(mean(readings.map((r) => r.latencyP95))).toBeCloseTo(values?.latency_p95_ms ?? 0, -1);
    for (const r of readings) {
      expect(Math.abs(r.latencyP95 / (values?.latency_p95_ms ?? 1) - 1)).toBeLessThan(0.05);
      expect(Math.abs(r.errorRate / (values?.error_rate ?? 1) - 1)).toBeLessThan(0.16);
    }
  });

  it('reads host metrics without changing the simulation', () => {
    const drive = (read: boolean) => {
      const sim = createSimulator({ seed: 4 });
      const service = sim.topology.services[3]?.id ?? '';
      return JSON.stringify(
        Array.from({ length: 40 }, () => {
          const events = sim.step();
          if (read) sim.hostMetrics(service);
          return events;
        }),
      );
    };
    expect(drive(true)).toBe(drive(false));
  });
});
