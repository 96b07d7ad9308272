import { PatchPlan } from '@watchfloor/domain';
import { createSimulator } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { createPatchPlan } from './create.ts';

const sim = createSimulator({ seed: 11, faultGeneration: false });
const plan = (service: string, approvalThreshold?: number) =>
  createPatchPlan({
    id: 'PLAN-000009',
    service,
    fromVersion: '1.0.0',
    toVersion: '1.1.0',
    topology: sim.topology,
    createdBy: 'operator',
    now: '2026-01-05T00:00:00.000Z',
    options: approvalThreshold === undefined ? {} : { approvalThreshold },
  });

describe('createPatchPlan', () => {
  it('makes a valid planned plan whose canary is its first wave', () => {
    const service = sim.topology.services[10]?.id ?? '';
    const p = plan(service);
    expect(PatchPlan.safeParse(p).success).toBe(true);
    expect(p.state).toBe('planned');
    expect(p.canary.hosts).toEqual(p.waves[0]?.hosts);
    expect(p.canary.failureLimit).toBe(2);
    expect(p.waves.flatMap((w) => w.hosts).sort()).toEqual(
      sim.topology.hosts
        .filter((h) => h.serviceId === service)
        .map((h) => h.id)
        .sort(),
    );
  });

  it('requires approval exactly when the risk reaches the threshold', () => {
    for (const s of sim.topology.services) {
      const p = plan(s.id);
      expect(p.approvalRequired).toBe(p.risk.score >= 0.5);
    }
    const anyService = sim.topology.services[0]?.id ?? '';
    expect(plan(anyService, 0).approvalRequired).toBe(true);
    expect(plan(anyService, 1.01).approvalRequired).toBe(false);
  });

  it('refuses a service without hosts', () => {
    expect(() => plan('nope')).toThrow(RangeError);
  });
});
