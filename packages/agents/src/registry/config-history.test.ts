import { AgentConfigVersion } from '@watchfloor/domain';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryKnowledgeStore } from '../orchestrator/knowledge-store.ts';
import { ConfigError } from './config-error.ts';
import { ConfigHistory } from './config-history.ts';
import { DEFAULT_AGENT_CONFIGS } from './defaults.ts';

const t = (minute: number): string => new Date(Date.UTC(2026, 0, 5, 0, minute)).toISOString();

const errorOf = (fn: () => unknown): ConfigError => {
  try {
    fn();
  } catch (e) {
    if (e instanceof ConfigError) return e;
    throw e;
  }
  throw new Error('expected a ConfigError');
};

describe('ConfigHistory', () => {
  it('starts every agent at version 1 with its defaults', () => {
    const history = new ConfigHistory({ at: t(0) });
    expect(history.current('taskops')).toEqual(DEFAULT_AGENT_CONFIGS.taskops);
    expect(history.history('taskops')).toEqual([
      {
        agentId: 'taskops',
        version: 1,
        config: DEFAULT_AGENT_CONFIGS.taskops,
        author: 'system',
        at: t(0),
        reason: 'defaults',
        rollbackOf: null,
      },
    ]);
  });

  it('applies a partial change as a new version with author, time and reason', () => {
    const history = new ConfigHistory({ at: t(0) });
    const v2 = history.update(
      'taskops',
      { automationLevel: 'MANUAL', thresholds: { confidence: 0.8 } },
      'alice',
      t(1),
      'change freeze',
    );
    expect(v2).toMatchObject({ version: 2, author: 'alice', at: t(1), reason: 'change freeze' });
    expect(history.current('taskops')).toEqual({
      ...DEFAULT_AGENT_CONFIGS.taskops,
      automationLevel: 'MANUAL',
      thresholds: { ...DEFAULT_AGENT_CONFIGS.taskops.thresholds, confidence: 0.8 },
    });
    expect(AgentConfigVersion.safeParse(v2).success).toBe(true);
  });

  it('rolls back to the exact earlier configuration as a new version, keeping history', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record(
            {
              automationLevel: fc.constantFrom('MANUAL', 'SEMI_AUTO', 'AUTO'),
              approvalRequired: fc.boolean(),
              enabled: fc.boolean(),
              thresholds: fc.record(
                {
                  confidence: fc.double({ min: 0, max: 1, noNaN: true }),
                  maxActionsPerHour: fc.integer({ min: 0, max: 100 }),
                },
                { requiredKeys: [] },
              ),
            },
            { requiredKeys: [] },
          ),
          { minLength: 1, maxLength: 8 },
        ),
        fc.nat(),
        (patches, pick) => {
          const history = new ConfigHistory({ at: t(0) });
          patches.forEach((p, i) => {
            history.update('patchops', p, 'bob', t(i + 1));
          });
          const before = history.history('patchops');
          const target = before[pick % before.length];
          if (!target) throw new Error('no version');
          const restored = history.rollback('patchops', target.version, 'carol', t(99));
          const after = history.history('patchops');
          expect(after.slice(0, before.length)).toEqual(before);
          expect(after).toHaveLength(before.length + 1);
          expect(restored.config).toEqual(target.config);
          expect(history.current('patchops')).toEqual(target.config);
          expect(restored).toMatchObject({
            version: before.length + 1,
            rollbackOf: target.version,
            author: 'carol',
            reason: `rollback to version ${target.version}`,
          });
        },
      ),
    );
  });

  it('names the offending field of an invalid change and records nothing', () => {
    const history = new ConfigHistory({ at: t(0) });
    expect(
      errorOf(() => history.update('taskops', { thresholds: { confidence: 2 } }, 'a', t(1))).field,
    ).toBe('thresholds.confidence');
    expect(
      errorOf(() => history.update('taskops', { automationLevel: 'YOLO' }, 'a', t(1))).field,
    ).toBe('automationLevel');
    const unknown = errorOf(() => history.update('taskops', { autoFix: true }, 'a', t(1)));
    expect(unknown.field).toBe('autoFix');
    expect(unknown.message).toContain('autoFix');
    expect(errorOf(() => history.rollback('taskops', 7, 'a', t(1))).field).toBe('version');
    expect(history.history('taskops')).toHaveLength(1);
  });

  it('hands out copies, so editing a returned value changes nothing', () => {
    const history = new ConfigHistory({ at: t(0) });
    const current = history.current('alertops');
    current.thresholds.confidence = 0;
    const first = history.history('alertops')[0];
    if (first) first.config.enabled = false;
    expect(history.current('alertops')).toEqual(DEFAULT_AGENT_CONFIGS.alertops);
  });

  it('survives a restart through the shared knowledge store', () => {
    const store = new MemoryKnowledgeStore();
    const first = new ConfigHistory({ at: t(0), knowledge: store });
    first.update('orchestrator', { thresholds: { confidence: 0.7 } }, 'dana', t(3), 'tighter');
    const second = new ConfigHistory({
      at: t(50),
      knowledge: new MemoryKnowledgeStore(store.entries()),
    });
    expect(second.history('orchestrator')).toEqual(first.history('orchestrator'));
  });
});
