import { createMemoryRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';

const start = new Date('2026-01-05T09:00:00.000Z');

async function run(options: {
  seed: number;
  steps: number;
  agentsEnabled?: boolean;
  learning?: boolean;
}) {
  const repo = createMemoryRepository();
  const engine = new Engine({
    repo,
    seed: options.seed,
    start,
    clock: { now: () => 0 },
    agentsEnabled: options.agentsEnabled ?? true,
    learning: options.learning ?? true,
  });
  await engine.init();
  await engine.advance(options.steps);
  return { engine, repo };
}

describe('agents on the live stream', () => {
  it('runs runbook actions on settled incidents through the guard and judges their outcome', async () => {
    const { engine, repo } = await run({ seed: 21, steps: 6 * 60 });
    const tasks = engine.tasks();
    expect(tasks.length).toBeGreaterThan(3);
    expect(tasks.every((t) => t.requestedBy === 'taskops' && t.incidentId !== null)).toBe(true);
    expect(tasks.filter((t) => t.status === 'succeeded').length).toBeGreaterThan(0);
    const outcomes = await repo.listAudit({ action: 'outcome.record', limit: 500 });
    expect(outcomes.items.length).toBeGreaterThan(0);
    const counters = await repo.getCounters();
    expect(counters.actionsRun).toBeGreaterThan(0);
    expect(counters.resolvedWithAction).toBeGreaterThan(0);
  });

  it('acts on nothing when agents are off', async () => {
    const { engine } = await run({ seed: 21, steps: 6 * 30, agentsEnabled: false });
    expect(engine.tasks()).toHaveLength(0);
  });

  it('blocks every action while the kill switch is engaged and records each block', async () => {
    const { engine, repo } = await run({ seed: 22, steps: 6 * 10 });
    await engine.setKillSwitch(true, 'drill', { actor: 'operator', requestId: null });
    const engagedAt = engine.killSwitch.engagedAt ?? '';
    const before = engine.tasks().length;
    await engine.advance(6 * 30);
    const after = engine.tasks().slice(0, engine.tasks().length - before);
    expect(
      after.every(
        (t) => t.status === 'blocked' || t.startedAt === null || t.startedAt <= engagedAt,
      ),
    ).toBe(true);
    const ran = await repo.listAudit({ limit: 500, since: engagedAt });
    const starts = ran.items.filter(
      (e) =>
        (e.action.startsWith('task.') || e.action.startsWith('patch.')) &&
        e.result === 'ok' &&
        e.actor !== 'operator',
    );
    expect(starts).toEqual([]);
  });

  it('rolls out simulator patches and rolls regressions back with a reason', async () => {
    const { engine } = await run({ seed: 5, steps: 6 * 60 * 6 });
    const plans = engine.patches();
    expect(plans.length).toBeGreaterThan(0);
    const finished = plans.filter((p) => p.state === 'completed' || p.state === 'rolled_back');
    expect(finished.length).toBeGreaterThan(0);
    for (const plan of plans.filter((p) => p.state === 'rolled_back')) {
      expect(plan.transitions.at(-1)?.reason).toMatch(/.+/);
    }
  });

  it('keeps learned statistics and tasks across a restart on the same store', async () => {
    const { engine, repo } = await run({ seed: 23, steps: 6 * 60 });
    const stats = engine.agents.orchestrator.stats();
    const again = new Engine({ repo, seed: 23, start, clock: { now: () => 0 } });
    await again.init();
    expect(again.agents.orchestrator.stats()).toEqual(stats);
    expect(again.tasks().map((t) => t.id)).toEqual(
      engine
        .tasks()
        .slice(0, 50)
        .map((t) => t.id),
    );
  });
});

describe('approvals and blocked actions', () => {
  it('drops a recommendation once its incident resolves, and a blocked task has no start time', async () => {
    const repo = createMemoryRepository();
    const engine = new Engine({ repo, seed: 8, start, clock: { now: () => 0 } });
    await engine.init();
    const who = { actor: 'operator', requestId: null };
    await engine.updateAgentConfig(
      'orchestrator',
      { automationLevel: 'SEMI_AUTO' },
      'approve first',
      who,
    );
    await engine.advance(6 * 30);
    const waiting = engine.pendingApprovalCount();
    expect(waiting).toBeGreaterThan(0);
    await engine.updateAgentConfig(
      'orchestrator',
      { automationLevel: 'AUTO' },
      'back to auto',
      who,
    );
    await engine.setKillSwitch(true, 'drill', who);
    const service = engine.topology.services.find((s) => s.tier === 'datastore')?.id ?? '';
    const blocked = await engine.runTask({ action: 'backup_datastore', service }, who);
    expect(blocked.status).toBe('blocked');
    expect(blocked.startedAt).toBeNull();
    await engine.setKillSwitch(false, 'drill over', who);
    await engine.advance(6 * 30);
    const active = new Set(
      (
        await repo.listIncidents({
          status: ['open', 'acknowledged', 'mitigating', 'escalated'],
          limit: 500,
        })
      ).items.map((i) => i.id),
    );
    expect(engine.pendingApprovalCount()).toBeLessThanOrEqual(active.size);
  });
});
