import type { MetricSample } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';

/** Samples of a quiet estate keyed by ISO time. */
const healthyDay = (seed: number, steps: number) => {
  const sim = createSimulator({ seed, faultGeneration: false, noisePerHour: 0 });
  const byTime = new Map<string, MetricSample[]>();
  for (let i = 0; i < steps; i++) {
    for (const e of sim.step()) if (e.type === 'metrics') byTime.set(e.at, e.samples);
  }
  return { sim, byTime };
};

const value = (
  samples: MetricSample[] | undefined,
  service: string,
  metric: 'throughput_rps' | 'cpu',
) => samples?.find((s) => s.service === service)?.values[metric] ?? Number.NaN;

describe('MetricsModel', () => {
  it('shows daily seasonality: afternoon traffic and CPU above night-time', () => {
    const { byTime } = healthyDay(51, 8640);
    const afternoon = byTime.get('2026-01-05T15:00:00.000Z');
    const night = byTime.get('2026-01-05T03:00:00.000Z');
    for (const service of ['edge-gateway', 'checkout-api', 'payments']) {
      expect(value(afternoon, service, 'throughput_rps')).toBeGreaterThan(
        1.8 * value(night, service, 'throughput_rps'),
      );
      expect(value(afternoon, service, 'cpu')).toBeGreaterThan(value(night, service, 'cpu'));
    }
  });

  it('shows weekly seasonality: Saturday afternoon quieter than Monday afternoon', () => {
    const sim = createSimulator({
      seed: 52,
      services: 12,
      faultGeneration: false,
      noisePerHour: 0,
    });
    const totals = new Map<string, number>();
    for (let i = 0; i < 6 * 8640; i++) {
      for (const e of sim.step()) {
        if (e.type !== 'metrics' || !e.at.endsWith('T15:00:00.000Z')) continue;
        totals.set(
          e.at.slice(0, 10),
          e.samples.reduce((sum, s) => sum + s.values.throughput_rps, 0),
        );
      }
    }
    expect(totals.get('2026-01-10') ?? 0).toBeLessThan(0.8 * (totals.get('2026-01-05') ?? 0));
  });

  it('keeps fractions within 0..1 and every value finite', () => {
    const sim = createSimulator({ seed: 53 });
    const bad: string[] = [];
    for (let i = 0; i < 500; i++) {
      for (const e of sim.step()) {
        if (e.type !== 'metrics') continue;
        for (const { service, values: v } of e.samples) {
          const fractions = [v.cpu, v.memory, v.disk, v.error_rate];
          if (fractions.some((x) => !(x >= 0 && x <= 1))) bad.push(`${e.at} ${service}`);
          if (!(v.latency_p95_ms > 0) || !Number.isFinite(v.throughput_rps))
            bad.push(`${e.at} ${service}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  it('adds noise: consecutive samples of a healthy service differ', () => {
    const { byTime } = healthyDay(54, 3);
    const [a, b] = [...byTime.values()];
    expect(value(a, 'payments', 'throughput_rps')).not.toBe(value(b, 'payments', 'throughput_rps'));
  });
});
