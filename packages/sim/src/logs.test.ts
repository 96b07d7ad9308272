import { describe, expect, it } from 'vitest';
import { createSimulator } from './simulator.ts';
import type { SimEvent } from './types.ts';

type LogEvent = Extract<SimEvent, { type: 'log' }>;

const logsOf = (events: SimEvent[]): LogEvent[] =>
  events.filter((e): e is LogEvent => e.type === 'log');

describe('LogWriter', () => {
  it('samples a handful of routine info lines per step, even for 5,000 services', () => {
    const sim = createSimulator({
      seed: 61,
      services: 5000,
      faultGeneration: false,
      noisePerHour: 0,
    });
    for (let i = 0; i < 20; i++) {
      const logs = logsOf(sim.step());
      expect(logs.length).toBeGreaterThanOrEqual(1);
      expect(logs.length).toBeLessThanOrEqual(5);
      expect(logs.every((l) => l.level === 'info')).toBe(true);
    }
  });

  it('writes logs whose source is a service of the estate, from one of its hosts', () => {
    const sim = createSimulator({ seed: 62 });
    const hosts = new Map(sim.topology.hosts.map((h) => [h.id, h.serviceId]));
    for (let i = 0; i < 200; i++) {
      for (const log of logsOf(sim.step())) {
        expect(log.source).toBe(log.service);
        expect(hosts.get(log.host ?? '')).toBe(log.service);
      }
    }
  });

  it('reports symptoms of a fault at the root and names the upstream at its callers', () => {
    const sim = createSimulator({ seed: 63, faultGeneration: false, noisePerHour: 0 });
    const fault = sim.injectFault('db_saturation', 'orders-db');
    const logs: LogEvent[] = [];
    for (let i = 0; i < 50; i++) logs.push(...logsOf(sim.step()));
    const trouble = logs.filter((l) => l.level !== 'info');
    expect(
      trouble.some(
        (l) => l.service === 'orders-db' && /connection pool exhausted|slow query/.test(l.message),
      ),
    ).toBe(true);
    const callers = fault.affected.filter((a) => a.via === 'orders-db').map((a) => a.service);
    expect(
      trouble.some((l) => callers.includes(l.service) && l.message.includes('orders-db')),
    ).toBe(true);
    expect(
      logs.some(
        (l) => l.service === 'orders-db' && l.message.startsWith('connection pool back to'),
      ),
    ).toBe(true);
  });

  it('announces a bad deploy with the new version', () => {
    const sim = createSimulator({ seed: 64, faultGeneration: false, noisePerHour: 0 });
    const version = sim.topology.hosts.find((h) => h.serviceId === 'checkout-api')?.version ?? '';
    sim.injectFault('bad_deploy', 'checkout-api');
    const [major, minor, patch] = version.split('.');
    const logs = logsOf(sim.step());
    expect(logs.map((l) => l.message)).toContain(
      `deployed version ${major}.${minor}.${Number(patch) + 1} to ${sim.topology.hosts.filter((h) => h.serviceId === 'checkout-api').length} hosts`,
    );
  });

  it('keeps the log volume bounded during a storm', () => {
    const sim = createSimulator({ seed: 65, services: 500 });
    for (let i = 0; i < 600; i++) expect(logsOf(sim.step()).length).toBeLessThanOrEqual(35);
  });
});
