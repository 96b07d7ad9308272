import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../types.ts';

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/** KPIs derived from the stored counters, so they survive restarts. */
export const metricsRoutes = ({ repo, engine }: AppDeps) =>
  new Hono<AppEnv>().get('/', async (c) => {
    const n = await repo.getCounters();
    const get = (k: string) => n[k] ?? 0;
    const alertsReceived = get('alertsReceived');
    const incidents = get('incidentsOpened');
    const resolved = get('incidentsResolved');
    const reduction = ratio(incidents, alertsReceived);
    const mttr = ratio(get('resolutionMsTotal'), resolved);
    return c.json({
      alertsReceived,
      alertsResolved: get('alertsResolved'),
      incidents,
      incidentsOpen: engine.activeIncidentCount(),
      incidentsResolved: resolved,
      incidentsMerged: get('incidentsMerged'),
      noiseReduction: reduction === null ? null : Math.max(0, 1 - reduction),
      mttrMinutes: mttr === null ? null : mttr / 60_000,
      faultsStarted: get('faultsStarted'),
      actionsRun: get('actionsRun'),
      actionsBlocked: get('actionsBlocked'),
      firingAlerts: engine.firingAlertCount(),
      /** Pairwise F1 of live incidents against the simulator's ground truth (recent alerts). */
      liveCorrelation: engine.liveCorrelationScore(),
      virtualTime: engine.now(),
    });
  });
