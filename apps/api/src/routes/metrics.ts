import type { PatchPlan } from '@watchfloor/domain';
import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../types.ts';
import { cachedReads } from './cached-read.ts';

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

const patchSuccess = (plans: readonly Pick<PatchPlan, 'state'>[]) => {
  const done = plans.filter(
    (p) => p.state === 'completed' || p.state === 'rolled_back' || p.state === 'failed',
  );
  const completed = done.filter((p) => p.state === 'completed').length;
  return {
    completed,
    rolledBack: done.filter((p) => p.state === 'rolled_back').length,
    failed: done.filter((p) => p.state === 'failed').length,
    rate: ratio(completed, done.length),
  };
};

/** KPIs derived from the stored counters, so they survive restarts. */
export const metricsRoutes = (deps: AppDeps) => {
  const { repo, engine } = deps;
  const send = cachedReads(deps);
  // The live F1 and the stored counters cost milliseconds: computed once per store write.
  return new Hono<AppEnv>().get('/', (c) => send(c, 'kpis', () => kpis(repo, engine)));
};

async function kpis(repo: AppDeps['repo'], engine: AppDeps['engine']) {
  const n = await repo.getCounters();
  const get = (k: string) => n[k] ?? 0;
  const alertsReceived = get('alertsReceived');
  const incidents = get('incidentsOpened');
  const resolved = get('incidentsResolved');
  const reduction = ratio(incidents, alertsReceived);
  const mttr = ratio(get('resolutionMsTotal'), resolved);
  const minutes = (ms: number | null) => (ms === null ? null : ms / 60_000);
  const withAgents = ratio(get('resolutionMsWithAction'), get('resolvedWithAction'));
  const withoutAgents = ratio(get('resolutionMsWithoutAction'), get('resolvedWithoutAction'));
  const learning = engine.agents.orchestrator.stats();
  return {
    alertsReceived,
    alertsResolved: get('alertsResolved'),
    incidents,
    incidentsOpen: engine.activeIncidentCount(),
    incidentsResolved: resolved,
    incidentsMerged: get('incidentsMerged'),
    noiseReduction: reduction === null ? null : Math.max(0, 1 - reduction),
    mttrMinutes: minutes(mttr),
    /** Incidents an agent acted on vs incidents that ran their course (virtual minutes). */
    mttrWithAgentsMinutes: minutes(withAgents),
    mttrWithoutAgentsMinutes: minutes(withoutAgents),
    patchSuccess: patchSuccess(engine.patchSummaries()),
    awaitingApproval: engine.pendingApprovalCount(),
    learning: { enabled: learning.learning, outcomes: learning.totals },
    faultsStarted: get('faultsStarted'),
    actionsRun: get('actionsRun'),
    actionsBlocked: get('actionsBlocked'),
    firingAlerts: engine.firingAlertCount(),
    /** Pairwise F1 of live incidents against the simulator's ground truth (recent alerts). */
    liveCorrelation: engine.liveCorrelationScore(),
    virtualTime: engine.now(),
  };
}
