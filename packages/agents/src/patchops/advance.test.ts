import type { PatchPlan } from '@watchfloor/domain';
import { createSimulator, type Simulator } from '@watchfloor/sim';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advance } from './advance.ts';
import { abortPlan, approvePlan, resumePlan } from './commands.ts';
import { createPatchPlan } from './create.ts';
import type { RolloutObservation } from './observation.ts';
import { drive, hostsOf, newPlan, observe, versionsOf } from './test-rollout.ts';

const quiet = (): Simulator =>
  createSimulator({ seed: 21, faultGeneration: false, noisePerHour: 0 });

/** An api service with four hosts, and a clean and a regressed candidate version for it. */
const setUp = () => {
  const sim = quiet();
  for (let i = 0; i < 3; i++) sim.step();
  const service =
    sim.topology.services.find((s) => s.tier === 'api' && hostsOf(sim, s.id).length === 4)?.id ??
    '';
  const candidates = Array.from({ length: 40 }, (_, k) => `9.${k}.0`);
  const good = candidates.find((v) => !sim.isRegression(service, v)) ?? '';
  const bad = candidates.find((v) => sim.isRegression(service, v)) ?? '';
  return { sim, service, good, bad };
};

const states = (plan: PatchPlan) => plan.transitions.map((t) => t.to);

describe('advance', () => {
  it('completes every wave of a good version, each verified, and every host ends on it', () => {
    const { sim, service, good } = setUp();
    const { plan, steps } = drive(sim, newPlan(sim, service, good));
    expect(plan.state).toBe('completed');
    expect(states(plan)).toEqual(['preflight', 'canary', 'verifying', 'rolling_out', 'completed']);
    expect(versionsOf(sim, service).every((v) => v === good)).toBe(true);
    expect(steps.every((s) => s.kind === 'deploy')).toBe(true);
    expect(steps.flatMap((s) => s.hosts).sort()).toEqual(hostsOf(sim, service).sort());
    expect(plan.waves.map((w) => w.percent)).toEqual([10, 50, 100]);
    for (const w of plan.waves) {
      expect(w.state).toBe('passed');
      expect(w.measurements.length).toBeGreaterThanOrEqual(2);
      expect(w.measurements.every((m) => m.verdict === 'pass')).toBe(true);
    }
    expect(plan.canary.measurements).toHaveLength(3);
    expect(plan.waves.at(-1)?.measurements[0]?.baselineFrom).toBe('preflight');
    for (const t of plan.transitions) expect(t.reason.length).toBeGreaterThan(5);
  });

  it('aborts when canary analysis fails and rolls the canary back, naming the measurement', () => {
    const { sim, service, bad } = setUp();
    const before = versionsOf(sim, service);
    const { plan, steps } = drive(sim, newPlan(sim, service, bad));
    expect(plan.state).toBe('rolled_back');
    expect(states(plan)).toEqual(['preflight', 'canary', 'verifying', 'rolled_back']);
    expect(versionsOf(sim, service)).toEqual(before);
    const canary = plan.canary.hosts;
    expect(steps.map((s) => [s.kind, s.hosts])).toEqual([
      ['deploy', canary],
      ['rollback', canary],
    ]);
    expect(plan.canary.measurements).toHaveLength(plan.canary.failureLimit);
    const last = plan.canary.measurements.at(-1);
    expect(last?.verdict).toBe('fail');
    expect(last?.canaryErrorRate ?? 0).toBeGreaterThan(last?.baselineErrorRate ?? 1);
    expect(plan.transitions.at(-1)?.reason).toContain('canary analysis failed 2 times in a row');
    expect(plan.transitions.at(-1)?.reason).toContain(last?.reason ?? '?');
    expect(plan.waves[0]?.state).toBe('failed');
    expect(plan.waves.slice(1).every((w) => w.state === 'pending')).toBe(true);
  });

  it('waits in planned for approval when the risk requires it, then goes on', () => {
    const { sim, service, good } = setUp();
    const plan = createPatchPlan({
      id: 'PLAN-000002',
      service,
      fromVersion: versionsOf(sim, service)[0] ?? '',
      toVersion: good,
      topology: sim.topology,
      createdBy: 'patchops',
      now: sim.now.toISOString(),
      options: { approvalThreshold: 0 },
    });
    expect(plan.approvalRequired).toBe(true);
    for (let i = 0; i < 5; i++) {
      const r = advance(plan, observe(sim, service), sim.now.toISOString());
      expect(r.plan).toBe(plan);
      expect(r.step).toBeUndefined();
    }
    const approved = approvePlan(plan, 'alice', sim.now.toISOString());
    if (!approved.ok) throw new Error(approved.reason);
    const next = advance(approved.plan, observe(sim, service), sim.now.toISOString());
    expect(next.plan.state).toBe('preflight');
    expect(next.plan.transitions.at(-1)?.reason).toBe('approved by alice');
    expect(drive(sim, next.plan).plan.state).toBe('completed');
  });

  it('fails pre-flight with an open incident on a dependency, and on an unhealthy target', () => {
    const { sim, service, good } = setUp();
    const dep = sim.topology.services.find((s) => s.id === service)?.dependsOn[0] ?? '';
    const started = advance(
      newPlan(sim, service, good),
      observe(sim, service),
      sim.now.toISOString(),
    );
    const obs = observe(sim, service, { openIncidents: [{ id: 'INC-000004', services: [dep] }] });
    const failed = advance(started.plan, obs, sim.now.toISOString());
    expect(failed.step).toBeUndefined();
    expect(failed.plan.state).toBe('failed');
    expect(failed.plan.transitions.at(-1)?.reason).toContain('INC-000004');
    const hosts = observe(sim, service).hosts.map((h, k) =>
      k === 0 ? { ...h, errorRate: 0.3 } : h,
    );
    const sick = advance(started.plan, observe(sim, service, { hosts }), sim.now.toISOString());
    expect(sick.plan.preflight.find((c) => c.name === 'target_healthy')?.ok).toBe(false);
  });

  it('halts at the next step when the kill switch engages, and resumes where it stopped', () => {
    const { sim, service, good } = setUp();
    let plan = newPlan(sim, service, good);
    for (let i = 0; i < 6; i++) {
      const r = advance(plan, observe(sim, service), sim.now.toISOString());
      plan = r.plan;
      if (r.step) sim.deploy(r.step.service, r.step.hosts, r.step.version);
      sim.step();
    }
    const where = plan.state;
    expect(['verifying', 'rolling_out']).toContain(where);
    const halted = advance(
      plan,
      observe(sim, service, { killSwitchEngaged: true }),
      sim.now.toISOString(),
    );
    expect(halted.step).toBeUndefined();
    expect(halted.plan.state).toBe('halted');
    expect(halted.plan.transitions.at(-1)).toMatchObject({
      from: where,
      to: 'halted',
      reason: 'kill switch engaged',
    });
    for (let i = 0; i < 10; i++) {
      sim.step();
      const r = advance(halted.plan, observe(sim, service), sim.now.toISOString());
      expect(r.step).toBeUndefined();
      expect(r.plan).toBe(halted.plan);
    }
    const resumed = resumePlan(halted.plan, 'alice', sim.now.toISOString());
    if (!resumed.ok) throw new Error(resumed.reason);
    expect(resumed.plan.state).toBe(where);
    const { plan: done } = drive(sim, resumed.plan);
    expect(done.state).toBe('completed');
    expect(versionsOf(sim, service).every((v) => v === good)).toBe(true);
  });

  it('reissues a step the guard blocked, once it is allowed again', () => {
    const { sim, service, good } = setUp();
    let plan = advance(
      newPlan(sim, service, good),
      observe(sim, service),
      sim.now.toISOString(),
    ).plan;
    const first = advance(plan, observe(sim, service), sim.now.toISOString());
    expect(first.step?.kind).toBe('deploy');
    // The guard refused the step: nothing was deployed.
    plan = first.plan;
    const again = advance(plan, observe(sim, service), sim.now.toISOString());
    expect(again.step).toEqual({ ...first.step, reason: expect.stringContaining('attempt 2') });
  });

  it('rolls back every touched host when an operator aborts', () => {
    const { sim, service, good } = setUp();
    const before = versionsOf(sim, service);
    let plan = newPlan(sim, service, good);
    for (let i = 0; i < 8; i++) {
      const r = advance(plan, observe(sim, service), sim.now.toISOString());
      plan = r.plan;
      if (r.step) sim.deploy(r.step.service, r.step.hosts, r.step.version);
      sim.step();
    }
    expect(versionsOf(sim, service)).not.toEqual(before);
    const aborted = abortPlan(plan, 'alice', 'customer freeze', sim.now.toISOString());
    if (!aborted.ok) throw new Error(aborted.reason);
    const { plan: done, steps } = drive(sim, aborted.plan);
    expect(steps.every((s) => s.kind === 'rollback')).toBe(true);
    expect(done.state).toBe('rolled_back');
    expect(done.transitions.at(-1)?.reason).toContain('aborted by alice: customer freeze');
    expect(versionsOf(sim, service)).toEqual(before);
    expect(abortPlan(done, 'alice', 'again', sim.now.toISOString()).ok).toBe(false);
  });

  it('rolls back every touched host when a later wave fails, each to the version it ran', () => {
    const sim = quiet();
    sim.step();
    // A service whose hosts start on different versions (one lagging after a staggered rollout).
    const service =
      sim.topology.services.find((s) => new Set(versionsOf(sim, s.id)).size > 1)?.id ?? '';
    const before = versionsOf(sim, service);
    const good =
      Array.from({ length: 40 }, (_, k) => `9.${k}.0`).find((v) => !sim.isRegression(service, v)) ??
      '';
    let plan = newPlan(sim, service, good);
    while (!(plan.state === 'rolling_out' && plan.waves[1]?.state === 'verifying')) {
      const r = advance(plan, observe(sim, service), sim.now.toISOString());
      plan = r.plan;
      if (r.step) sim.deploy(r.step.service, r.step.hosts, r.step.version);
      sim.step();
    }
    const touched = new Set([...(plan.waves[0]?.hosts ?? []), ...(plan.waves[1]?.hosts ?? [])]);
    const sick = () =>
      observe(sim, service, {
        hosts: sim
          .hostMetrics(service)
          .map((h) => (touched.has(h.host) ? { ...h, errorRate: 0.4 } : h)),
      });
    const first = advance(plan, sick(), sim.now.toISOString());
    expect(first.step).toBeUndefined();
    const second = advance(first.plan, sick(), sim.now.toISOString());
    expect(second.step?.kind).toBe('rollback');
    expect(second.plan.waves[1]?.state).toBe('failed');
    if (second.step) sim.deploy(second.step.service, second.step.hosts, second.step.version);
    const { plan: done, steps } = drive(sim, second.plan);
    expect(done.state).toBe('rolled_back');
    expect(done.transitions.at(-1)?.reason).toMatch(/^wave 2 \(\d+%\) analysis failed 2 times/);
    expect([second.step, ...steps].flatMap((s) => s?.hosts ?? []).sort()).toEqual(
      [...touched].sort(),
    );
    expect(versionsOf(sim, service)).toEqual(before);
  });

  it('ends an abort before any deploy at once, with nothing to roll back', () => {
    const { sim, service, good } = setUp();
    const aborted = abortPlan(
      newPlan(sim, service, good),
      'bob',
      'not today',
      sim.now.toISOString(),
    );
    expect(aborted.ok && aborted.plan.state).toBe('rolled_back');
  });
});

describe('a halted rollout', () => {
  const { sim, service, good } = setUp();
  const reached = drive(sim, newPlan(sim, service, good)).seen.filter(
    (p) => !['completed', 'rolled_back', 'failed'].includes(p.state),
  );
  const hosts = hostsOf(sim, service);
  const observation = fc.record({
    killSwitchEngaged: fc.boolean(),
    hosts: fc.array(
      fc.record({
        host: fc.constantFrom(...hosts),
        version: fc.constantFrom(good, versionsOf(sim, service)[0] ?? '', '0.0.1'),
        errorRate: fc.double({ min: 0, max: 1, noNaN: true }),
        latencyP95: fc.double({ min: 0, max: 5000, noNaN: true }),
      }),
    ),
    openIncidents: fc.array(
      fc.record({ id: fc.string(), services: fc.array(fc.constant(service)) }),
    ),
  });

  it('takes no further step however often advance is called, whatever it observes', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...reached),
        fc.array(observation, { minLength: 1, maxLength: 20 }),
        (start, observations) => {
          const engaged: RolloutObservation = { ...observe(sim, service), killSwitchEngaged: true };
          const halted = advance(start, engaged, '2026-01-05T01:00:00.000Z');
          expect(halted.step).toBeUndefined();
          expect(halted.plan.state).toBe('halted');
          let plan = halted.plan;
          for (const [k, o] of observations.entries()) {
            const r = advance(
              plan,
              { ...o, topology: sim.topology },
              `2026-01-05T02:00:${String(k).padStart(2, '0')}.000Z`,
            );
            expect(r.step).toBeUndefined();
            expect(r.plan).toEqual(halted.plan);
            plan = r.plan;
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('never takes a step from any state while the kill switch is engaged', () => {
    fc.assert(
      fc.property(fc.constantFrom(...reached), observation, (start, o) => {
        const r = advance(
          start,
          { ...o, killSwitchEngaged: true, topology: sim.topology },
          '2026-01-05T03:00:00.000Z',
        );
        expect(r.step).toBeUndefined();
        expect(r.plan.state).toBe('halted');
      }),
      { numRuns: 200 },
    );
  });
});
