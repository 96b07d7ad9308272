import type { FaultScenario, MetricName } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { scenariosForTier } from './scenarios.ts';
import { createSimulator } from './simulator.ts';

/** Injects one fault on a quiet estate and records the root's metric and alert names. */
const watch = (scenario: FaultScenario, service: string, metric: MetricName, steps = 50) => {
  const sim = createSimulator({ seed: 31, faultGeneration: false, noisePerHour: 0 });
  for (let i = 0; i < 6; i++) sim.step();
  const fault = sim.injectFault(scenario, service);
  const series: number[] = [];
  const alerts = new Set<string>();
  for (let i = 0; i < steps; i++) {
    for (const e of sim.step()) {
      if (e.type === 'metrics') {
        series.push(e.samples.find((s) => s.service === service)?.values[metric] ?? Number.NaN);
      }
      if (e.type === 'alert' && e.status === 'firing' && e.labels.service === service) {
        alerts.add(e.labels.alertname);
      }
    }
  }
  return { series, alerts, fault };
};

describe('fault scenarios', () => {
  it('leaks memory gradually over minutes until MemoryPressure fires', () => {
    const { series, alerts } = watch('memory_leak', 'checkout-api', 'memory', 18);
    const [first = 0, second = 0] = series;
    expect(second - first).toBeLessThan(0.1);
    expect(series[12] ?? 0).toBeGreaterThan(first + 0.1);
    expect(Math.max(...series)).toBeGreaterThan(0.88);
    expect(alerts.has('MemoryPressure')).toBe(true);
  });

  it('makes a bad deploy break error rates at once', () => {
    const { series, alerts } = watch('bad_deploy', 'checkout-api', 'error_rate', 3);
    expect(series[0] ?? 0).toBeGreaterThan(0.05);
    expect(alerts.has('DeploymentRegression')).toBe(true);
  });

  it('fills a disk step by step until DiskFull fires', () => {
    const { series, alerts } = watch('disk_filling', 'orders-db', 'disk');
    expect(series[3] ?? 0).toBeLessThan(0.8);
    expect(Math.max(...series)).toBeGreaterThan(0.95);
    expect(alerts.has('DiskWillFillSoon')).toBe(true);
    expect(alerts.has('DiskFull')).toBe(true);
  });

  it('saturates a database: CPU, latency and the connection pool', () => {
    const { series, alerts } = watch('db_saturation', 'orders-db', 'cpu');
    expect(series[0] ?? 1).toBeLessThan(0.85);
    expect(Math.max(...series)).toBeGreaterThan(0.9);
    expect(alerts.has('DatabaseConnectionsSaturated')).toBe(true);
    expect(alerts.has('HighCPU')).toBe(true);
  });

  it('slows the root of a dependency timeout and times out its callers', () => {
    const sim = createSimulator({ seed: 31, faultGeneration: false, noisePerHour: 0 });
    const fault = sim.injectFault('dependency_timeout', 'payments');
    const alerts: string[] = [];
    for (let i = 0; i < 40; i++) {
      for (const e of sim.step()) {
        if (e.type === 'alert' && e.status === 'firing')
          alerts.push(`${e.labels.alertname}@${e.labels.service}`);
      }
    }
    expect(alerts).toContain('HighLatencyP95@payments');
    const callers = fault.affected.filter((a) => a.via === 'payments').map((a) => a.service);
    expect(callers.length).toBeGreaterThan(0);
    expect(alerts.some((a) => callers.some((c) => a === `UpstreamTimeout@${c}`))).toBe(true);
  });

  it('builds a queue backlog', () => {
    const { alerts } = watch('queue_backlog', 'events-queue', 'latency_p95_ms');
    expect(alerts.has('QueueBacklog')).toBe(true);
  });

  it('cuts cross-region callers off in a network partition', () => {
    const sim = createSimulator({ seed: 31, faultGeneration: false, noisePerHour: 0 });
    const root = sim.topology.services.find((s) =>
      sim.scenariosFor(s.id).includes('network_partition'),
    );
    const fault = sim.injectFault('network_partition', root?.id ?? '');
    const alerts: string[] = [];
    for (let i = 0; i < 20; i++) {
      for (const e of sim.step()) {
        if (e.type === 'alert' && e.status === 'firing') alerts.push(e.labels.alertname);
      }
    }
    expect(fault.affected.length).toBeGreaterThan(1);
    expect(alerts).toContain('CrossRegionUnreachable');
  });

  it('recovers the metrics once the fault ends', () => {
    const { series, fault } = watch('memory_leak', 'checkout-api', 'memory', 60);
    const length = (Date.parse(fault.endsAt) - Date.parse(fault.startedAt)) / 10_000;
    expect(series[length - 2] ?? 0).toBeGreaterThan(0.88);
    expect(series[length - 1] ?? 1).toBeLessThan(0.7);
  });

  it('applies each scenario only to the tiers it names', () => {
    expect(scenariosForTier('datastore', false)).toEqual([
      'db_saturation',
      'disk_filling',
      'dependency_timeout',
    ]);
    expect(scenariosForTier('queue', true)).toEqual([
      'disk_filling',
      'network_partition',
      'queue_backlog',
    ]);
    expect(scenariosForTier('edge', false)).toEqual(['bad_deploy']);
    expect(scenariosForTier('api', false)).toEqual(['memory_leak', 'bad_deploy']);
    expect(scenariosForTier('domain', false)).toEqual([
      'memory_leak',
      'bad_deploy',
      'dependency_timeout',
    ]);
    expect(scenariosForTier('cache', false)).toEqual(['dependency_timeout']);
  });
});
