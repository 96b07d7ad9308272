import type { PatchPlan } from '@watchfloor/domain';
import { createMemoryRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { engineActor } from './errors.ts';
import { PlanWindow } from './plan-window.ts';
import { ENDED_IN_FULL } from './rollouts.ts';

const plan = (n: number, state: PatchPlan['state']): PatchPlan =>
  ({
    id: `PLAN-${String(n).padStart(6, '0')}`,
    service: `svc-${n % 3}`,
    state,
    updatedAt: `2026-01-05T00:00:${String(n % 60).padStart(2, '0')}.000Z`,
  }) as PatchPlan;

describe('PlanWindow', () => {
  it('holds live plans and the most recently ended whole, and summarises the last `keep`', () => {
    const w = new PlanWindow(6, 2);
    for (let n = 1; n <= 4; n++) w.set(plan(n, 'rolling_out').id, plan(n, 'rolling_out'));
    // Ending order, not creation order, decides which ended plans stay whole.
    for (const n of [3, 1, 4]) w.set(plan(n, 'completed').id, plan(n, 'completed'));
    expect([...w.values()].map((p) => p.id)).toEqual(['PLAN-000001', 'PLAN-000002', 'PLAN-000004']);
    expect(w.get('PLAN-000003')).toBeUndefined();
    expect(w.summaries().map((s) => [s.id, s.state])).toEqual([
      ['PLAN-000004', 'completed'],
      ['PLAN-000003', 'completed'],
      ['PLAN-000002', 'rolling_out'],
      ['PLAN-000001', 'completed'],
    ]);
    // Past `keep` the oldest ended plan's summary goes; a live plan is never dropped.
    for (let n = 5; n <= 8; n++) w.set(plan(n, 'planned').id, plan(n, 'planned'));
    expect(w.size).toBe(6);
    expect(w.summaries().map((s) => s.id)).toEqual([
      'PLAN-000008',
      'PLAN-000007',
      'PLAN-000006',
      'PLAN-000005',
      'PLAN-000004',
      'PLAN-000002',
    ]);
    expect(w.get('PLAN-000002')?.state).toBe('rolling_out');
    expect(w.heldInFull).toBe(6);
  });
});

describe('patch plans past the in-memory window', () => {
  it('are read back from the store: detail, list, success rate and commands', async () => {
    const repo = createMemoryRepository();
    const engine = new Engine({
      repo,
      seed: 3,
      start: new Date('2026-01-05T09:00:00.000Z'),
      clock: { now: () => 0 },
    });
    await engine.init();
    const service = String(engine.topology.services[2]?.id);
    const ids: string[] = [];
    for (let i = 0; i < ENDED_IN_FULL + 5; i++) {
      const planned = await engine.planPatch(service, `42.0.${i}`, engineActor);
      await engine.patchCommand(planned.id, 'abort', 'not today', engineActor);
      ids.push(planned.id);
    }
    const oldest = String(ids[0]);
    expect(engine.patches().map((p) => p.id)).not.toContain(oldest);
    expect(engine.patches()).toHaveLength(ENDED_IN_FULL);

    const stored = await engine.patch(oldest);
    expect(stored.id).toBe(oldest);
    expect(stored.state).toBe('rolled_back');
    expect(stored.toVersion).toBe('42.0.0');
    const listed = await engine.patchesById(engine.patchSummaries().map((s) => s.id));
    expect(listed.map((p) => p.id)).toEqual([...ids].reverse());
    expect(listed.every((p) => p.state === 'rolled_back' && p.waves.length > 0)).toBe(true);
    // A command on a plan memory no longer holds is refused as before, not "not found".
    await expect(
      engine.patchCommand(oldest, 'approve', undefined, engineActor),
    ).rejects.toMatchObject({ code: 'conflict' });
    // An id of another kind with the same number is not a plan.
    await expect(engine.patch('TASK-000001')).rejects.toMatchObject({ code: 'not_found' });
    await engine.close();
  });
});
