import { PatchPlan, Task } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { harness, json } from './harness.ts';

const Tasks = z.object({ items: z.array(Task) });
const Plans = z.object({ items: z.array(PatchPlan) });

describe('a live run at high speed, seen through the API', () => {
  it('shows incidents mitigated by runbook actions, patches rolled back with reasons, and escalations', async () => {
    const h = await harness({ seed: 5 });
    await h.engine.advance(6 * 60 * 6); // six virtual hours

    const tasks = Tasks.parse(
      await json(h.call('GET', '/api/tasks?status=succeeded&limit=500')),
    ).items;
    const byAgents = tasks.filter((t) => t.requestedBy === 'taskops' && t.incidentId !== null);
    expect(byAgents.length).toBeGreaterThan(10);
    const mitigated = (
      await h.repo.listAudit({ action: 'outcome.record', limit: 500 })
    ).items.filter((e) => (e.after as { status?: string } | undefined)?.status === 'mitigated');
    expect(mitigated.length).toBeGreaterThan(5);
    const incident = await json(h.call('GET', `/api/incidents/${byAgents[0]?.incidentId}`));
    expect(incident.actions.map((a: { id: string }) => a.id)).toContain(byAgents[0]?.id);
    expect(incident.timeline.some((t: { kind: string }) => t.kind === 'action')).toBe(true);

    const plans = Plans.parse(await json(h.call('GET', '/api/patches?limit=500'))).items;
    const rolledBack = plans.filter((p) => p.state === 'rolled_back' && p.createdBy === 'patchops');
    expect(rolledBack.length).toBeGreaterThan(0);
    for (const plan of rolledBack)
      expect(plan.transitions.at(-1)?.reason.length).toBeGreaterThan(10);
    expect(plans.some((p) => p.state === 'completed')).toBe(true);

    const escalated = (
      await h.repo.listAudit({ action: 'incident.decide', limit: 500 })
    ).items.filter((e) => (e.after as { mode?: string } | undefined)?.mode === 'await_approval');
    expect(escalated.length).toBeGreaterThan(0);
    const metrics = await json(h.call('GET', '/api/metrics'));
    expect(metrics.mttrWithAgentsMinutes).toBeLessThan(
      metrics.mttrWithoutAgentsMinutes ?? Number.POSITIVE_INFINITY,
    );
  });
});
