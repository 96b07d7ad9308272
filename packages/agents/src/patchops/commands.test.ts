import { createSimulator } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { abortPlan, approvePlan, haltPlan, resumePlan } from './commands.ts';
import { createPatchPlan } from './create.ts';

const sim = createSimulator({ seed: 2, faultGeneration: false });
const at = '2026-01-05T00:00:00.000Z';
const plan = createPatchPlan({
  id: 'PLAN-000003',
  service: sim.topology.services[8]?.id ?? '',
  fromVersion: '1.0.0',
  toVersion: '1.1.0',
  topology: sim.topology,
  createdBy: 'operator',
  now: at,
});

describe('operator commands', () => {
  it('approves once, recording who and when, without touching the given plan', () => {
    const first = approvePlan(plan, 'alice', at);
    expect(first.ok && [first.plan.approvedBy, first.plan.approvedAt]).toEqual(['alice', at]);
    expect(plan.approvedBy).toBeNull();
    if (first.ok)
      expect(approvePlan(first.plan, 'bob', at)).toEqual({
        ok: false,
        reason: 'already approved by alice',
      });
  });

  it('halts and resumes into the state it halted in', () => {
    const halted = haltPlan(plan, 'kill switch engaged', at);
    if (!halted.ok) throw new Error(halted.reason);
    expect([halted.plan.state, halted.plan.haltedFrom]).toEqual(['halted', 'planned']);
    expect(haltPlan(halted.plan, 'again', at).ok).toBe(false);
    const resumed = resumePlan(halted.plan, 'alice', at);
    expect(resumed.ok && [resumed.plan.state, resumed.plan.haltedFrom]).toEqual(['planned', null]);
    expect(resumed.ok && resumed.plan.transitions.at(-1)).toEqual({
      from: 'halted',
      to: 'planned',
      at,
      reason: 'resumed by alice',
    });
    expect(resumePlan(plan, 'alice', at).ok).toBe(false);
  });

  it('refuses every command on a finished plan', () => {
    const done = abortPlan(plan, 'alice', 'stop', at);
    if (!done.ok) throw new Error(done.reason);
    expect(done.plan.state).toBe('rolled_back');
    for (const r of [
      approvePlan(done.plan, 'a', at),
      haltPlan(done.plan, 'x', at),
      resumePlan(done.plan, 'a', at),
      abortPlan(done.plan, 'a', 'x', at),
    ]) {
      expect(r.ok).toBe(false);
    }
  });
});
