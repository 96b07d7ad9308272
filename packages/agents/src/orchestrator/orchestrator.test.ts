import { LearningStats, OrchestratorDecision, OutcomeRecord } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { MemoryKnowledgeStore } from './knowledge-store.ts';
import type { Orchestrator } from './orchestrator.ts';
import { seededRandom } from './random.ts';
import { at, environment, makeOrchestrator, view } from './test-fixtures.ts';

/** Incidents of one signature an hour apart (no recurrences), acted on and judged. */
function run(
  orchestrator: Orchestrator,
  outcomeOf: ReturnType<typeof environment>,
  n: number,
  from = 0,
) {
  const picks: string[] = [];
  for (let i = from; i < from + n; i++) {
    const incident = view({ id: `INC-${i}`, openedAt: at(i * 60) });
    const decision = orchestrator.decide(incident, at(i * 60 + 1));
    const kind = decision.action?.kind;
    if (!kind) throw new Error('expected an action');
    picks.push(kind);
    orchestrator.recordOutcome(incident.id, decision, outcomeOf(kind), {}, at(i * 60 + 5));
  }
  return picks;
}

const share = (picks: readonly string[], kind: string): number =>
  picks.filter((p) => p === kind).length / picks.length;

describe('Orchestrator learning', () => {
  // The baseline restarts on HighErrorRate; here scaling out is what works.
  const rates = { scale_out: 0.9, restart_service: 0.2 };

  it('learns to prefer the action that works over the baseline within 100 incidents', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const orchestrator = makeOrchestrator({ seed });
      const outcomeOf = environment(rates, seed + 100);
      expect(orchestrator.decide(view(), at(0)).baseline).toBe('restart_service');
      run(orchestrator, outcomeOf, 100);
      const after = run(orchestrator, outcomeOf, 100, 100);
      expect(share(after, 'scale_out')).toBeGreaterThanOrEqual(0.85);
      expect(orchestrator.stats().signatures[0]?.bestAction?.kind).toBe('scale_out');
    }
  });

  it('keeps to the baseline when learning is off, whatever the outcomes', () => {
    const orchestrator = makeOrchestrator({ learning: false });
    const picks = run(orchestrator, environment(rates, 9), 200);
    expect(share(picks, 'restart_service')).toBe(1);
    expect(orchestrator.stats().totals.outcomes).toBe(200);
  });

  it('continues with the same statistics after a restart over the same knowledge', () => {
    const store = new MemoryKnowledgeStore();
    const first = makeOrchestrator({ knowledge: store, seed: 7 });
    const outcomeOf = environment(rates, 8);
    run(first, outcomeOf, 60);
    const before = first.stats();

    const reloaded = new MemoryKnowledgeStore(store.entries());
    const second = makeOrchestrator({ knowledge: reloaded, seed: 11 });
    expect(second.stats()).toEqual(before);
    expect(second.outcomes()).toEqual(first.outcomes());
    // Same knowledge and the same random stream: the same next decisions.
    const a = makeOrchestrator({ knowledge: store, random: seededRandom(3) });
    const b = makeOrchestrator({ knowledge: reloaded, random: seededRandom(3) });
    for (let i = 0; i < 5; i++) {
      const incident = view({ id: `INC-9${i}`, openedAt: at(5000 + i * 60) });
      expect(b.decide(incident, incident.openedAt)).toEqual(a.decide(incident, incident.openedAt));
    }
    expect(share(run(second, outcomeOf, 40, 60), 'scale_out')).toBeGreaterThan(0.7);
  });

  it('makes the same decisions for the same seed and inputs', () => {
    const picks = (seed: number) => run(makeOrchestrator({ seed }), environment(rates, 5), 50);
    expect(picks(21)).toEqual(picks(21));
  });

  it('lends a sparse signature the evidence of its family', () => {
    const orchestrator = makeOrchestrator({ seed: 4 });
    const names = ['DeploymentRegression', 'HighErrorRate'];
    const outcomeOf = environment({ rollback_deploy: 0.95 }, 6);
    for (let i = 0; i < 30; i++) {
      const incident = view({ id: `INC-${i}`, alertNames: names, openedAt: at(i * 60) });
      const d = orchestrator.decide(incident, incident.openedAt);
      if (d.action)
        orchestrator.recordOutcome(incident.id, d, outcomeOf(d.action.kind), {}, at(i * 60 + 5));
    }
    // The same cause on another tier: another signature, the same family.
    const sibling = view({
      alertNames: ['DeploymentRegression', 'UpstreamTimeout'],
      suspectedRoot: { service: 'orders', confidence: 0.9 },
      rootTier: 'domain',
      openedAt: at(9000),
    });
    const d = orchestrator.decide(sibling, sibling.openedAt);
    const fresh = makeOrchestrator({ seed: 4 }).decide(sibling, sibling.openedAt);
    expect(d.action?.kind).toBe('rollback_deploy');
    expect(d.confidence).toBeGreaterThan(fresh.confidence + 0.05);
    expect(orchestrator.stats().signatures.map((s) => s.signature)).not.toContain(d.signature.key);
  });
});

describe('Orchestrator decisions', () => {
  it('produces decisions and records that match the domain schemas', () => {
    const orchestrator = makeOrchestrator();
    const decision = orchestrator.decide(view(), at(1));
    expect(OrchestratorDecision.safeParse(decision).success).toBe(true);
    const record = orchestrator.recordOutcome(
      'INC-000001',
      decision,
      'mitigated',
      { mitigatedAt: at(7) },
      at(8),
    );
    expect(OutcomeRecord.safeParse(record).success).toBe(true);
    expect(record.timeToMitigateMs).toBe(7 * 60_000);
    expect(LearningStats.safeParse(orchestrator.stats()).success).toBe(true);
  });

  it('acts on a confident choice and escalates a doubtful one for approval', () => {
    const orchestrator = makeOrchestrator({ learning: false });
    const sure = orchestrator.decide(view(), at(1));
    expect(sure).toMatchObject({ escalate: false, mode: 'act' });
    const unsure = orchestrator.decide(
      view({ suspectedRoot: { service: 'checkout', confidence: 0 } }),
      at(1),
    );
    expect(unsure.confidence).toBeLessThan(sure.confidence);
    expect(unsure).toMatchObject({ escalate: true, mode: 'await_approval' });
    expect(unsure.action?.kind).toBe('restart_service');
    expect(unsure.reason).toContain('needs approval');
  });

  it('escalates an action that keeps failing', () => {
    const orchestrator = makeOrchestrator({ seed: 2 });
    const failing = environment({}, 1);
    run(orchestrator, () => failing('scale_in'), 40);
    const d = orchestrator.decide(view({ id: 'INC-x', openedAt: at(9000) }), at(9000));
    expect(d.confidence).toBeLessThan(0.5);
    expect(d.escalate).toBe(true);
  });

  it('escalates without an action when there is no suspected root or no runbook', () => {
    const orchestrator = makeOrchestrator();
    const noRoot = orchestrator.decide(view({ suspectedRoot: null, rootTier: null }), at(1));
    expect(noRoot).toMatchObject({ action: null, escalate: true, confidence: 0 });
    const unknown = orchestrator.decide(
      view({ suspectedRoot: { service: 'mystery', confidence: 1 } }),
      at(1),
    );
    expect(unknown.action).toBeNull();
    expect(unknown.reason).toContain('no runbook');
  });

  it('only recommends when the executing agent is manual', () => {
    const orchestrator = makeOrchestrator({
      config: (id) => ({
        enabled: true,
        automationLevel: id === 'taskops' ? 'MANUAL' : 'AUTO',
        approvalRequired: false,
        thresholds: { confidence: 0.5, maxActionsPerHour: 10 },
      }),
    });
    expect(orchestrator.decide(view(), at(1)).mode).toBe('recommend');
  });

  it('picks agents by what the incident shows', () => {
    const orchestrator = makeOrchestrator({ learning: false });
    const agents = (names: string[]) =>
      orchestrator.decide(view({ alertNames: names }), at(1)).agents;
    expect(agents(['HighErrorRate'])).toEqual(['alertops', 'taskops']);
    expect(agents(['MemoryPressure'])).toEqual(['alertops', 'predictiveops', 'taskops']);
    expect(agents(['DeploymentRegression'])).toEqual(['alertops', 'patchops']);
    const none = orchestrator.decide(view({ suspectedRoot: null }), at(1));
    expect(none.agents).toEqual(['alertops']);
  });
});

describe('Orchestrator outcomes', () => {
  it('marks an earlier success failed when the same trouble recurs on the same service', () => {
    const orchestrator = makeOrchestrator({ learning: false });
    const first = view({ id: 'INC-1', openedAt: at(0) });
    const d1 = orchestrator.decide(first, at(1));
    orchestrator.recordOutcome(first.id, d1, 'mitigated', { mitigatedAt: at(4) }, at(5));
    expect(orchestrator.stats().totals.mitigated).toBe(1);

    const again = view({ id: 'INC-2', openedAt: at(6) });
    const d2 = orchestrator.decide(again, at(6));
    expect(d2.recurrenceOf).toBe('INC-1');
    const [earlier] = orchestrator.outcomes();
    expect(earlier).toMatchObject({
      incidentId: 'INC-1',
      status: 'recurred',
      success: false,
      recurredAt: at(6),
    });
    const stats = orchestrator.stats();
    expect(stats.totals).toMatchObject({ mitigated: 0, recurred: 1 });
    expect(stats.signatures[0]).toMatchObject({ samples: 1, successRate: 0 });
    // Deciding again for the same incident does not count it twice.
    expect(orchestrator.decide(again, at(7)).recurrenceOf).toBeNull();
  });

  it('does not call it a recurrence after the window or on another service', () => {
    const orchestrator = makeOrchestrator({ learning: false });
    const d1 = orchestrator.decide(view({ id: 'INC-1' }), at(1));
    orchestrator.recordOutcome('INC-1', d1, 'mitigated', {}, at(5));
    const elsewhere = view({
      id: 'INC-2',
      openedAt: at(10),
      suspectedRoot: { service: 'orders', confidence: 0.9 },
      rootTier: 'domain',
    });
    expect(orchestrator.decide(elsewhere, at(10)).recurrenceOf).toBeNull();
    // A busy estate sees new, unrelated trouble on a service within the hour: only a quick
    // return counts against the fix.
    const late = view({ id: 'INC-3', openedAt: at(10) });
    expect(orchestrator.decide(late, at(10)).recurrenceOf).toBeNull();
    expect(orchestrator.stats().totals.mitigated).toBe(1);
  });

  it('counts a rolled-back or failed action as not mitigated', () => {
    const orchestrator = makeOrchestrator({ learning: false });
    const d = orchestrator.decide(view({ alertNames: ['DeploymentRegression'] }), at(1));
    expect(d.action?.executor).toBe('patchops');
    const rolledBack = orchestrator.recordOutcome(
      'INC-1',
      d,
      'mitigated',
      { actionResult: 'rolled_back' },
      at(9),
    );
    expect(rolledBack).toMatchObject({
      status: 'not_mitigated',
      success: false,
      timeToMitigateMs: null,
    });
    expect(rolledBack.actions).toEqual([
      { kind: 'rollback_deploy', service: 'checkout', result: 'rolled_back' },
    ]);
  });

  it('learns nothing from an action that never ran', () => {
    const orchestrator = makeOrchestrator();
    const d = orchestrator.decide(view(), at(1));
    const r = orchestrator.recordOutcome(
      'INC-1',
      d,
      'not_mitigated',
      { actionResult: 'blocked' },
      at(9),
    );
    expect(r.status).toBe('escalated');
    expect(orchestrator.stats().signatures).toEqual([]);
    expect(orchestrator.stats().totals.escalated).toBe(1);
  });

  it('keeps a bounded history but counts every outcome', () => {
    const orchestrator = makeOrchestrator({ outcomeCapacity: 20 });
    run(orchestrator, environment({}, 2), 50);
    const held = orchestrator.outcomes();
    expect(held).toHaveLength(20);
    expect(held[0]?.seq).toBe(30);
    expect(orchestrator.stats().totals.outcomes).toBe(50);
  });

  it('draws the learning curve per block of 50 incidents', () => {
    const orchestrator = makeOrchestrator({ seed: 3 });
    run(orchestrator, environment({ scale_out: 0.9, restart_service: 0.2 }, 4), 200);
    const curve = orchestrator.stats().curve;
    expect(curve.map((p) => [p.from, p.to, p.incidents])).toEqual([
      [0, 49, 50],
      [50, 99, 50],
      [100, 149, 50],
      [150, 199, 50],
    ]);
    const first = curve[0]?.firstActionSuccessRate ?? 1;
    const last = curve[3]?.firstActionSuccessRate ?? 0;
    expect(last).toBeGreaterThan(first);
    expect(last).toBeGreaterThan(0.75);
  });
});

describe('Orchestrator in a mixed estate', () => {
  // Ground truth stays in the harness: the orchestrator only sees alert names and the root.
  const kinds = [
    {
      root: 'sessions',
      tier: 'cache',
      alerts: ['UpstreamTimeout', 'HighLatencyP95'],
      right: 'clear_cache',
    },
    {
      root: 'orders-db',
      tier: 'datastore',
      alerts: ['DatabaseConnectionsSaturated'],
      right: 'scale_out',
    },
    {
      root: 'checkout',
      tier: 'api',
      alerts: ['MemoryPressure', 'HighErrorRate'],
      right: 'restart_service',
    },
  ] as const;

  function successRate(learning: boolean, seed: number): number {
    const orchestrator = makeOrchestrator({ learning, seed });
    const random = seededRandom(seed + 1);
    let late = 0;
    let lateOk = 0;
    for (let i = 0; i < 300; i++) {
      const kind = kinds[i % kinds.length] ?? kinds[0];
      const incident = view({
        id: `INC-${i}`,
        alertNames: [...kind.alerts],
        services: [kind.root],
        suspectedRoot: { service: kind.root, confidence: 0.8 },
        rootTier: kind.tier,
        openedAt: at(i * 60),
      });
      const d = orchestrator.decide(incident, incident.openedAt);
      const ok = random() < (d.action?.kind === kind.right ? 0.85 : 0.05);
      orchestrator.recordOutcome(
        incident.id,
        d,
        ok ? 'mitigated' : 'not_mitigated',
        {},
        at(i * 60 + 5),
      );
      if (i >= 200) {
        late++;
        if (ok) lateOk++;
      }
    }
    return lateOk / late;
  }

  it('ends up mitigating more than the static baseline does', () => {
    for (const seed of [1, 2, 3]) {
      expect(successRate(true, seed)).toBeGreaterThan(successRate(false, seed) + 0.15);
    }
  });
});
