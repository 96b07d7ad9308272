import type { AlertSeverity, IncidentSeverity } from '@watchfloor/domain';

/**
 * What an alert says about where trouble starts:
 * - `origin`: the service's own resource or release is broken (it is a likely root);
 * - `propagated`: what callers see when something they depend on struggles;
 * - `local`: one instance misbehaving (health checks, restarts, clocks), never a cascade;
 * - `other`: an alertname we do not know, linked more cautiously.
 */
export type SymptomKind = 'origin' | 'propagated' | 'local' | 'other';

const KINDS: Readonly<Record<string, SymptomKind>> = {
  DatabaseConnectionsSaturated: 'origin',
  DiskWillFillSoon: 'origin',
  DiskFull: 'origin',
  QueueBacklog: 'origin',
  MemoryPressure: 'origin',
  DeploymentRegression: 'origin',
  HighCPU: 'origin',
  UpstreamTimeout: 'propagated',
  HighLatencyP95: 'propagated',
  HighErrorRate: 'propagated',
  CrossRegionUnreachable: 'propagated',
  HealthCheckFlapping: 'local',
  PodRestarted: 'local',
  NodeClockSkew: 'local',
};

export const symptomKind = (alertname: string): SymptomKind => KINDS[alertname] ?? 'other';

/** Alerts whose summary names the dependency they cannot reach or that times out. */
export const POINTS_UPSTREAM: ReadonlySet<string> = new Set([
  'UpstreamTimeout',
  'CrossRegionUnreachable',
]);

const ALERT_RANK: Readonly<Record<AlertSeverity, number>> = { info: 0, warning: 1, critical: 2 };

export const alertSeverityOf = (label: string | undefined): AlertSeverity =>
  label === 'critical' || label === 'warning' || label === 'info' ? label : 'warning';

export const alertSeverityRank = (severity: AlertSeverity): number => ALERT_RANK[severity];

const INCIDENT_OF: Readonly<Record<AlertSeverity, IncidentSeverity>> = {
  critical: 'critical',
  warning: 'medium',
  info: 'low',
};

/**
 * An incident is as severe as its worst alert, one step worse (up to high) when the trouble
 * spans several services.
 */
export function incidentSeverity(
  severities: readonly AlertSeverity[],
  services: number,
): IncidentSeverity {
  let worst: AlertSeverity = 'info';
  for (const s of severities) if (ALERT_RANK[s] > ALERT_RANK[worst]) worst = s;
  const base = INCIDENT_OF[worst];
  if (services < 3 || base === 'critical' || base === 'high') return base;
  return base === 'medium' ? 'high' : 'medium';
}
