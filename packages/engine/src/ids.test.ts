import { parseIdNumber } from '@watchfloor/domain';
import { createMemoryRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { IdAllocator, issuedCounter } from './ids.ts';
import { PATCHES_NS } from './rollouts.ts';
import { TASKS_NS } from './task-runner.ts';

const start = new Date('2026-01-05T09:00:00.000Z');
const OPERATOR = { actor: 'operator', requestId: null };

describe('IdAllocator', () => {
  it('numbers from the stored counter, and reports what it handed out for the next write', async () => {
    const repo = createMemoryRepository();
    await repo.write({ counters: { [issuedCounter('task')]: 41 } });
    const ids = new IdAllocator();
    await ids.restore(repo);
    expect(ids.next('task')).toBe('ACT-000042');
    expect(ids.next('task')).toBe('ACT-000043');
    expect(ids.next('plan')).toBe('PLAN-000001');
    const issued = ids.takeIssued();
    expect(issued).toEqual({ [issuedCounter('task')]: 2, [issuedCounter('plan')]: 1 });
    expect(ids.takeIssued()).toEqual({});
    // A failed write hands them back, so the next one carries them.
    ids.giveBack(issued);
    expect(ids.takeIssued()).toEqual(issued);
  });

  it('catches the counter up with ids a store holds from before the counter existed', async () => {
    const repo = createMemoryRepository();
    const ids = new IdAllocator();
    await ids.restore(repo);
    const alert = ids.next('alert');
    await repo.write({
      alerts: [
        {
          id: 'ALT-000010',
          fingerprint: 'f',
          status: 'firing',
          labels: { alertname: 'X', service: 's' },
          annotations: {},
          startsAt: start.toISOString(),
          endsAt: null,
          receivedAt: start.toISOString(),
          source: 'api',
          incidentId: null,
        },
      ],
    });
    expect(alert).toBe('ALT-000001');
    const restored = new IdAllocator();
    await restored.restore(repo);
    expect(restored.next('alert')).toBe('ALT-000011');
    expect(restored.takeIssued()).toEqual({ [issuedCounter('alert')]: 11 });
    restored.atLeast('alert', 5); // lower than issued: no change
    expect(restored.takeIssued()).toEqual({});
  });
});

/** Highest id number among items. */
const highest = (ids: string[]) => Math.max(0, ...ids.map((id) => parseIdNumber(id) ?? 0));

describe('ids across a restart', () => {
  it('never reuses an id even when retention has deleted every item of its kind', async () => {
    const repo = createMemoryRepository();
    const engine = new Engine({ repo, seed: 7, start, clock: { now: () => 0 } });
    await engine.init();
    await engine.advance(6 * 60);
    await engine.planPatch(String(engine.topology.services[0]?.id), 'v9.9.9', OPERATOR);
    const before = {
      alert: highest((await repo.listAlerts({ limit: 500 })).items.map((a) => a.id)),
      incident: highest((await repo.listIncidents({ limit: 500 })).items.map((i) => i.id)),
      task: highest(engine.tasks().map((t) => t.id)),
      plan: highest(engine.patches().map((p) => p.id)),
    };
    expect(Object.values(before).every((n) => n > 0)).toBe(true);

    // Everything but the counters gone, as after a whole retention window with no activity.
    const emptied = createMemoryRepository();
    await emptied.write({ counters: await repo.getCounters() });
    const again = new Engine({ repo: emptied, seed: 7, start, clock: { now: () => 0 } });
    await again.init();
    await again.advance(6 * 60);
    await again.planPatch(String(again.topology.services[1]?.id), 'v9.9.8', OPERATOR);
    const lowest = (ids: string[]) => Math.min(...ids.map((id) => parseIdNumber(id) ?? 0));
    const alerts = (await emptied.listAlerts({ limit: 500 })).items.map((a) => a.id);
    const incidents = (await emptied.listIncidents({ limit: 500 })).items.map((i) => i.id);
    const tasks = (await emptied.listKnowledge(TASKS_NS, { limit: 500 })).items.map(
      (t) => (t.value as { id: string }).id,
    );
    const plans = (await emptied.listKnowledge(PATCHES_NS, { limit: 500 })).items.map(
      (p) => (p.value as { id: string }).id,
    );
    for (const [kind, made] of [
      ['alert', alerts],
      ['incident', incidents],
      ['task', tasks],
      ['plan', plans],
    ] as const) {
      expect(made.length, kind).toBeGreaterThan(0);
      expect(lowest(made), kind).toBeGreaterThan(before[kind]);
    }
  });
});
