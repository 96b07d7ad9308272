import { Engine } from '@watchfloor/engine';
import { createMemoryRepository } from '@watchfloor/kb';

/**
 * The learning loop, measured: the same seeded estate run with learning on, with the static
 * operator rules (learning off) and with no agents at all. Reports first-action success per
 * 50 decided incidents and MTTR (virtual minutes) for each.
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
