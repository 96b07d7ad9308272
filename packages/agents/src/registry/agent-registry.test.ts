import { AgentStatus } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { MemoryKnowledgeStore } from '../orchestrator/knowledge-store.ts';
import { AgentRegistry, LifecycleError } from './agent-registry.ts';
import { ConfigHistory } from './config-history.ts';

const t = (seconds: number): string =>
  new Date(Date.UTC(2026, 0, 5) + seconds * 1000).toISOString();

const make = (knowledge = new MemoryKnowledgeStore()) =>
  new AgentRegistry({
    configs: new ConfigHistory({ at: t(0), knowledge }),
    knowledge,
    health: { downAfterMs: 30_000, degradedForMs: 60_000 },
  });

describe('AgentRegistry', () => {
  it('walks the lifecycle and refuses steps out of order', () => {
    const registry = make();
    expect(() => registry.start('taskops', t(0))).toThrow(LifecycleError);
    registry.initialize('taskops', t(0));
    registry.start('taskops', t(1));
    expect(registry.state('taskops')).toBe('running');
    expect(() => registry.initialize('taskops', t(2))).toThrow(LifecycleError);
    registry.stop('taskops', t(3));
    expect(registry.state('taskops')).toBe('stopped');
    registry.start('taskops', t(4));
    expect(registry.state('taskops')).toBe('running');
  });

  it('derives health from heartbeats, errors and state', () => {
    const registry = make();
    registry.initialize('alertops', t(0));
    expect(registry.status('alertops', t(0)).health).toBe('down');
    registry.start('alertops', t(0));
    expect(registry.status('alertops', t(10)).health).toBe('healthy');
    expect(registry.status('alertops', t(40)).health).toBe('down');
    expect(registry.beat('alertops', t(40))).toBe(true);
    registry.recordError('alertops', 'store timeout', t(41));
    expect(registry.status('alertops', t(45))).toMatchObject({
      health: 'degraded',
      errors: 1,
      lastError: { at: t(41), message: 'store timeout' },
    });
    registry.beat('alertops', t(100));
    expect(registry.status('alertops', t(105)).health).toBe('healthy');
    registry.stop('alertops', t(106));
    expect(registry.beat('alertops', t(107))).toBe(false);
    expect(registry.status('alertops', t(107)).health).toBe('down');
  });

  it('counts runs and success rates, kept across a restart', () => {
    const store = new MemoryKnowledgeStore();
    const registry = make(store);
    registry.recordRun('taskops', true, t(1));
    registry.recordRun('taskops', true, t(2));
    registry.recordRun('taskops', false, t(3));
    const again = make(new MemoryKnowledgeStore(store.entries()));
    const status = again.status('taskops', t(4));
    expect(status.counters).toEqual({ runs: 3, successes: 2, failures: 1 });
    expect(status.successRate).toBeCloseTo(2 / 3);
    expect(status.state).toBe('registered');
  });

  it('reports every agent in the shape the API serves', () => {
    const registry = new AgentRegistry({
      configs: new ConfigHistory({ at: t(0) }),
      learning: (id) =>
        id === 'orchestrator'
          ? { enabled: true, samples: 3, successRate: 1, relevanceThreshold: 60, signatures: 1 }
          : null,
    });
    const statuses = registry.statuses(t(0));
    expect(statuses.map((s) => s.id)).toEqual([
      'alertops',
      'predictiveops',
      'patchops',
      'taskops',
      'orchestrator',
    ]);
    for (const s of statuses) expect(AgentStatus.safeParse(s).success).toBe(true);
    expect(statuses[4]?.learning?.samples).toBe(3);
    expect(statuses[2]).toMatchObject({ configVersion: 1, successRate: null, learning: null });
  });
});
