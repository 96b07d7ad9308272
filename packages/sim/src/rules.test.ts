import { describe, expect, it } from 'vitest';
import { type Reading, RULES, rulesForTier } from './rules.ts';

const healthy: Reading = {
  service: 'payments',
  tier: 'domain',
  region: 'eu-west-1',
  latencyMs: 80,
  latencyObjectiveMs: 200,
  errorRate: 0.002,
  cpu: 0.3,
  memory: 0.5,
  disk: 0.3,
  throughputRps: 300,
  connections: 0.3,
  queueDepth: 100,
  upstreamTimeouts: 0,
  crossRegionErrors: 0,
  regression: 0,
  upstream: null,
  upstreamRegion: null,
};

const rule = (name: string) => {
  const found = RULES.find((r) => r.alertname === name);
  if (!found) throw new Error(`no rule ${name}`);
  return found;
};

describe('RULES', () => {
  it('finds nothing wrong with a healthy reading', () => {
    expect(RULES.map((r) => r.check(healthy))).toEqual(RULES.map(() => null));
  });

  it('grades latency against the service objective: warning above it, critical far above', () => {
    const latency = rule('HighLatencyP95');
    expect(latency.check({ ...healthy, latencyMs: 210 })).toBe('warning');
    expect(latency.check({ ...healthy, latencyMs: 600 })).toBe('critical');
    expect(latency.description({ ...healthy, latencyMs: 210 })).toContain('210ms');
  });

  it('grades error rates at 5% and 15%', () => {
    expect(rule('HighErrorRate').check({ ...healthy, errorRate: 0.06 })).toBe('warning');
    expect(rule('HighErrorRate').check({ ...healthy, errorRate: 0.2 })).toBe('critical');
  });

  it('names the upstream in timeout and cross-region alerts', () => {
    const r = {
      ...healthy,
      upstream: 'orders-db',
      upstreamRegion: 'us-east-1',
      crossRegionErrors: 0.4,
    };
    expect(rule('UpstreamTimeout').summary(r)).toContain('orders-db');
    expect(rule('CrossRegionUnreachable').description(r)).toContain('us-east-1');
  });

  it('applies storage rules to datastores and queues, and the pool rule to datastores only', () => {
    const names = (tier: Parameters<typeof rulesForTier>[0]) =>
      rulesForTier(tier).map((i) => RULES[i]?.alertname);
    expect(names('datastore')).toEqual(
      expect.arrayContaining(['DiskFull', 'DatabaseConnectionsSaturated']),
    );
    expect(names('queue')).toEqual(expect.arrayContaining(['DiskWillFillSoon', 'QueueBacklog']));
    expect(names('queue')).not.toContain('DatabaseConnectionsSaturated');
    expect(names('api')).toEqual(
      expect.arrayContaining(['MemoryPressure', 'DeploymentRegression']),
    );
  });
});
