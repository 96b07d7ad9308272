import type { AuditEvent } from '@watchfloor/domain';
import { createMemoryRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';

const TRIALS = 1_000;
const operator = { actor: 'operator', requestId: null };
/** Audit actions that mean "an autonomous action or rollout step started". */
const isActionStart = (e: AuditEvent) =>
  (e.action.startsWith('task.') || e.action.startsWith('patch.')) && e.actor !== 'operator';

describe('kill switch', () => {
  it(`lets no action or rollout step start after engagedAt, over ${TRIALS} engagements at random moments`, async () => {
    const repo = createMemoryRepository();
    const engine = new Engine({
      repo,
      seed: 777,
      start: new Date('2026-01-05T00:00:00.000Z'),
      clock: { now: () => 0 },
    });
    await engine.init();
    for (const id of ['orchestrator', 'taskops', 'patchops'] as const) {
      await engine.updateAgentConfig(
        id,
        { automationLevel: 'AUTO', approvalRequired: false, thresholds: { confidence: 0 } },
        'test',
        operator,
      );
    }
    let seed = 42;
    const random = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return 1 + (seed % n);
    };
    let blocked = 0;
    let ranWhileReleased = 0;
    let halted = 0;
    for (let trial = 0; trial < TRIALS; trial++) {
      await engine.advance(random(6));
      const state = await engine.setKillSwitch(true, `trial ${trial}`, operator);
      const engagedAt = state.engagedAt ?? '';
      halted += state.haltedCount;
      // Sometimes long enough for incidents opened meanwhile to settle and try to act.
      await engine.advance(trial % 4 === 0 ? random(12) : random(3));
      const since = await repo.listAudit({ since: engagedAt, limit: 500 });
      const starts = since.items.filter(isActionStart);
      const leaked = starts.filter((e) => e.result === 'ok' && e.at > engagedAt);
      expect(leaked, `trial ${trial}`).toEqual([]);
      blocked += starts.filter((e) => e.result === 'blocked').length;
      for (const plan of engine.patches()) {
        // A rollout that was live when the switch engaged is halted and took no step since.
        if (plan.state === 'halted')
          expect(plan.transitions.at(-1)?.at ?? '', plan.id).toBe(plan.updatedAt);
      }
      await engine.setKillSwitch(false, `trial ${trial} over`, operator);
      ranWhileReleased += (await repo.listAudit({ since: engagedAt, limit: 500 })).items.filter(
        (e) => isActionStart(e) && e.result === 'ok',
      ).length;
    }
    // The drill is only meaningful if agents were busy: actions ran and some were refused.
    expect(engine.tasks().length).toBeGreaterThan(50);
    expect(blocked).toBeGreaterThan(0);
    expect(ranWhileReleased).toBeGreaterThan(0);
    console.info(JSON.stringify({ trials: TRIALS, tasks: engine.tasks().length, blocked, halted }));
  }, 600_000);
});
