import type { Fault, Incident, Tier } from '@watchfloor/domain';
import { Engine } from '@watchfloor/engine';
import { createMemoryRepository, type Repository } from '@watchfloor/kb';
import { rightActions } from '@watchfloor/sim';

/**
 * The learning loop, measured: the same seeded estate run with learning on, with the static
 * operator rules (learning off) and with no agents at all. Reports first-action success per
 * 50 decided incidents and MTTR (virtual minutes) for each.
 *
 * Ground truth is read here for reporting only (the agents never see it): per bucket, how
 * often the first action was the right one for an active fault rooted where it ran, and why
 * the judged failures of the last bucket failed.
 */
const SEED = 20261123;
const TARGET_OUTCOMES = 320;
const MAX_STEPS = 6 * 60 * 30; // 30 virtual hours
const start = new Date('2026-01-05T00:00:00.000Z');

async function run(mode: 'learning' | 'static' | 'none') {
  const repo = createMemoryRepository();
  const engine = new Engine({
    repo,
    seed: SEED,
    start,
    clock: { now: () => 0 },
    agentsEnabled: mode !== 'none',
    learning: mode === 'learning',
  });
  await engine.init();
  // Automatic everywhere so every settled incident gets a first action (no human in the loop).
  const who = { actor: 'bench', requestId: null };
  for (const id of ['orchestrator', 'taskops', 'patchops'] as const) {
    await engine.updateAgentConfig(
      id,
      { automationLevel: 'AUTO', approvalRequired: false, thresholds: { confidence: 0 } },
      'bench',
      who,
    );
  }
  const started = performance.now();
  let steps = 0;
  while (steps < MAX_STEPS) {
    await engine.advance(60);
    steps += 60;
    if (mode !== 'none' && engine.agents.orchestrator.stats().totals.outcomes >= TARGET_OUTCOMES)
      break;
    if (mode === 'none' && steps >= baselineSteps) break;
  }
  const counters = await repo.getCounters();
  const truth = mode === 'none' ? null : await groundTruth(engine, repo);
  const stats = engine.agents.orchestrator.stats();
  const minutes = (ms: number | undefined, n: number | undefined) =>
    n ? Math.round(((ms ?? 0) / n / 60_000) * 100) / 100 : null;
  return {
    mode,
    virtualHours: Math.round((steps / 360) * 10) / 10,
    wallSeconds: Math.round((performance.now() - started) / 100) / 10,
    incidents: counters.incidentsOpened ?? 0,
    outcomes: stats.totals,
    curve: stats.curve
      .filter((p) => p.learning === (mode === 'learning'))
      .map((p) => ({ from: p.from, to: p.to, firstActionSuccessRate: p.firstActionSuccessRate })),
    mttrMinutes: minutes(counters.resolutionMsTotal, counters.incidentsResolved),
    mttrActedMinutes: minutes(counters.resolutionMsWithAction, counters.resolvedWithAction),
    mttrUntouchedMinutes: minutes(
      counters.resolutionMsWithoutAction,
      counters.resolvedWithoutAction,
    ),
    actionsRun: counters.actionsRun ?? 0,
    ...(truth ? { groundTruth: truth } : {}),
  };
}

/**
 * Reporting only: whether each first action was a right action for a fault running on the
 * service it ran on when it ran; if none ran there, whether the incident's own faults were
 * rooted elsewhere (AlertOps suspected the wrong root) or there was no fault at all.
 */
async function groundTruth(engine: Engine, repo: Repository) {
  // The store has every fault; the engine holds only the recent ones.
  const faults: Fault[] = [];
  let cursor: string | undefined;
  do {
    const page = await repo.listFaults({ limit: 500, cursor });
    faults.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const tierOf = new Map(engine.topology.services.map((s) => [s.id, s.tier as Tier]));
  const faultOfAlert = new Map<string, Fault>();
  for (const f of faults) for (const a of f.alertIds) faultOfAlert.set(a, f);
  const incidents = new Map<string, Incident>();
  do {
    const page = await repo.listIncidents({ limit: 500, cursor });
    for (const i of page.items) incidents.set(i.id, i);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  type Verdict = 'right' | 'wrong_action' | 'wrong_root' | 'no_fault';
  const buckets: { right: number; n: number }[] = [];
  const lastFailures: Record<string, number> = {};
  const outcomes = engine.agents.orchestrator.outcomes();
  const lastBlock = Math.floor((outcomes.at(-1)?.seq ?? 0) / 50);
  for (const o of outcomes) {
    const action = o.actions[0];
    const incident = incidents.get(o.incidentId);
    if (!action || !incident) continue;
    // Faults still running when the action ran: the incident's own, or any then active.
    const actedAt = Date.parse(
      incident.timeline.find((t) => t.kind === 'action')?.at ?? incident.createdAt,
    );
    const running = (f: Fault) =>
      Date.parse(f.startedAt) <= actedAt &&
      (f.endedAt === null || Date.parse(f.endedAt) >= actedAt);
    const mine = incident.alertIds
      .map((a) => faultOfAlert.get(a))
      .filter((f): f is Fault => f !== undefined && running(f));
    const there = faults.filter((f) => f.rootService === action.service && running(f));
    const tier = tierOf.get(action.service);
    const verdict: Verdict =
      there.length > 0 && tier
        ? there.some((f) => rightActions(f.scenario, tier).includes(action.kind))
          ? 'right'
          : 'wrong_action'
        : mine.length > 0
          ? 'wrong_root'
          : 'no_fault';
    const block = Math.floor(o.seq / 50);
    const b = buckets[block] ?? { right: 0, n: 0 };
    b.n++;
    if (verdict === 'right') b.right++;
    buckets[block] = b;
    if (block === lastBlock && !o.success) {
      const why = verdict === 'right' ? `right_but_${o.status}` : verdict;
      lastFailures[why] = (lastFailures[why] ?? 0) + 1;
    }
  }
  return {
    rightActionRate: buckets.map((b) => Math.round((b.right / b.n) * 1000) / 1000),
    lastBucketFailures: lastFailures,
  };
}

let baselineSteps = MAX_STEPS;
const learning = await run('learning');
baselineSteps = Math.round(learning.virtualHours * 360);
const fixed = await run('static');
const none = await run('none');
const last = (curve: { firstActionSuccessRate: number | null }[]) =>
  curve.at(-1)?.firstActionSuccessRate ?? null;
const lastLearning = last(learning.curve);
const lastStatic = last(fixed.curve);
const mttrRatio =
  learning.mttrMinutes !== null && none.mttrMinutes
    ? learning.mttrMinutes / none.mttrMinutes
    : null;
process.stdout.write(
  `${JSON.stringify({
    seed: SEED,
    runs: [learning, fixed, none],
    targets: {
      lastBucketWithLearning: {
        value: lastLearning,
        target: 0.9,
        met: lastLearning !== null && lastLearning >= 0.9,
      },
      aboveStatic: {
        learning: lastLearning,
        static: lastStatic,
        met: lastLearning !== null && lastStatic !== null && lastLearning > lastStatic + 0.1,
      },
      mttrWithAgentsVsNone: {
        value: mttrRatio,
        target: 0.4,
        met: mttrRatio !== null && mttrRatio <= 0.4,
      },
    },
  })}\n`,
);
