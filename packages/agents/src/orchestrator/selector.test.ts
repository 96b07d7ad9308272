import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MemoryKnowledgeStore } from './knowledge-store.ts';
import {
  AgentSelector,
  type JudgedStatus,
  THRESHOLD_MAX,
  THRESHOLD_MIN,
  THRESHOLD_START,
} from './selector.ts';
import { perceive } from './signature.ts';
import { view } from './test-fixtures.ts';

const memory = perceive(view({ alertNames: ['MemoryPressure'] }));
const restart = { kind: 'restart_service', service: 'checkout', executor: 'taskops' } as const;
const status = fc.constantFrom<JudgedStatus>('mitigated', 'not_mitigated', 'worsened', 'recurred');

describe('AgentSelector', () => {
  it('keeps the relevance threshold within [50, 85] whatever the outcomes', () => {
    fc.assert(
      fc.property(fc.array(status, { maxLength: 200 }), (statuses) => {
        const selector = new AgentSelector(new MemoryKnowledgeStore());
        for (const s of statuses) {
          selector.record(memory.key, ['alertops', 'taskops'], s);
          const t = selector.threshold(true);
          expect(t).toBeGreaterThanOrEqual(THRESHOLD_MIN);
          expect(t).toBeLessThanOrEqual(THRESHOLD_MAX);
        }
      }),
    );
  });

  it('starts at 60, holds while samples are sparse, then follows outcome quality', () => {
    const good = new AgentSelector(new MemoryKnowledgeStore());
    const bad = new AgentSelector(new MemoryKnowledgeStore());
    for (let i = 0; i < 4; i++) {
      good.record(memory.key, ['alertops'], 'mitigated');
      bad.record(memory.key, ['alertops'], 'worsened');
    }
    expect(good.threshold(true)).toBe(THRESHOLD_START);
    expect(bad.threshold(true)).toBe(THRESHOLD_START);
    for (let i = 0; i < 40; i++) {
      good.record(memory.key, ['alertops'], 'mitigated');
      bad.record(memory.key, ['alertops'], 'worsened');
    }
    expect(good.threshold(true)).toBeGreaterThan(80);
    expect(bad.threshold(true)).toBeLessThan(55);
    expect(good.threshold(false)).toBe(THRESHOLD_START);
  });

  it('drops an optional agent whose incidents keep failing, but only once it has evidence', () => {
    const selector = new AgentSelector(new MemoryKnowledgeStore());
    expect(selector.select(memory, restart, true).agents).toContain('predictiveops');
    for (let i = 0; i < 4; i++) selector.record(memory.key, ['predictiveops'], 'not_mitigated');
    expect(selector.select(memory, restart, true).agents).toContain('predictiveops');
    for (let i = 0; i < 8; i++) selector.record(memory.key, ['predictiveops'], 'not_mitigated');
    const learned = selector.select(memory, restart, true);
    expect(learned.agents).toEqual(['alertops', 'taskops']);
    expect(learned.relevance.predictiveops).toBeLessThan(learned.threshold);
    // With learning off the static team stands.
    expect(selector.select(memory, restart, false).agents).toContain('predictiveops');
  });

  it('always includes AlertOps and the agent that carries out the action', () => {
    const selector = new AgentSelector(new MemoryKnowledgeStore());
    for (let i = 0; i < 20; i++) selector.record(memory.key, ['alertops', 'taskops'], 'worsened');
    expect(selector.select(memory, restart, true).agents).toEqual(
      expect.arrayContaining(['alertops', 'taskops']),
    );
  });
});
