import type { AlertFact, IncidentFacts } from './facts.ts';
import type { RecommendedAction } from './narrative.ts';

interface Rule {
  /** Runbook action kind (matched against the catalog, with or without a `task.` style prefix). */
  kind: string;
  /** Act on the suspected root rather than on the alerting service. */
  onRoot: boolean;
  why: string;
}

/** Alert name -> the runbook action that addresses it. Symptoms (latency, errors) have none. */
const RULES: Readonly<Record<string, Rule>> = {
  DeploymentRegression: {
    kind: 'rollback_deploy',
    onRoot: false,
    why: 'a recent deploy regressed; rolling back restores the last good version',
  },
  CrossRegionUnreachable: {
    kind: 'failover_region',
    onRoot: false,
    why: 'the region is unreachable; failing over moves traffic to a healthy region',
  },
  DatabaseConnectionsSaturated: {
    kind: 'scale_out',
    onRoot: true,
    why: 'database connections are saturated; more capacity relieves the pool',
  },
  QueueBacklog: {
    kind: 'scale_out',
    onRoot: false,
    why: 'the queue is backing up; more consumers drain it',
  },
  HighCPU: {
    kind: 'scale_out',
    onRoot: false,
    why: 'CPU is saturated; more instances spread the load',
  },
  DiskWillFillSoon: {
    kind: 'free_disk',
    onRoot: false,
    why: 'the disk is predicted to fill; freeing space prevents write failures',
  },
  DiskFull: {
    kind: 'free_disk',
    onRoot: false,
    why: 'the disk is full; freeing space lets writes resume',
  },
  MemoryPressure: {
    kind: 'restart_service',
    onRoot: false,
    why: 'memory keeps growing; a restart reclaims it while the leak is investigated',
  },
};

/** Lower runs first: undo a change before adding capacity, restart last. */
const PRIORITY = [
  'rollback_deploy',
  'failover_region',
  'scale_out',
  'free_disk',
  'restart_service',
];
const MAX_RECOMMENDATIONS = 5;
/** Statuses after which an action still needs doing. */
const UNDONE = new Set(['failed', 'blocked', 'cancelled']);

/** The catalog entry for a kind: `scale_out` matches `scale_out` or `task.scale_out`. */
const inCatalog = (catalog: readonly string[], kind: string): string | undefined =>
  catalog.find((entry) => entry === kind || entry.endsWith(`.${kind}`));

/** Code-unit order, so the result does not depend on the machine's locale. */
export const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byTime = (a: AlertFact, b: AlertFact): number =>
  compareText(a.startsAt, b.startsAt) ||
  compareText(a.alertname, b.alertname) ||
  compareText(a.service, b.service);

/** Alerts in a stable order: earliest first, then by name and service. */
export const sortedAlerts = (alerts: readonly AlertFact[]): AlertFact[] => [...alerts].sort(byTime);

/**
 * Runbook actions for an incident by simple rules on alert names, limited to the catalog and
 * the incident's services, skipping what has already been done. Deterministic.
 */
export function recommendActions(facts: IncidentFacts): RecommendedAction[] {
  const services = new Set(facts.services);
  const done = new Set(
    facts.actions.filter((a) => !UNDONE.has(a.status)).map((a) => `${a.kind}|${a.service}`),
  );
  const picked = new Map<string, RecommendedAction & { rank: number }>();
  for (const alert of sortedAlerts(facts.alerts)) {
    const rule = RULES[alert.alertname];
    if (!rule) continue;
    const kind = inCatalog(facts.runbookCatalog, rule.kind);
    const service = rule.onRoot ? (facts.suspectedRoot?.service ?? alert.service) : alert.service;
    const key = `${kind}|${service}`;
    if (kind === undefined || !services.has(service) || done.has(key) || picked.has(key)) continue;
    const rank =
      PRIORITY.indexOf(rule.kind) * 2 + (service === facts.suspectedRoot?.service ? 0 : 1);
    picked.set(key, {
      kind,
      service,
      why: `${alert.alertname} on ${alert.service} since ${alert.startsAt}: ${rule.why}.`,
      rank,
    });
  }
  return [...picked.values()]
    .sort((a, b) => a.rank - b.rank || compareText(a.service, b.service))
    .slice(0, MAX_RECOMMENDATIONS)
    .map(({ kind, service, why }) => ({ kind, service, why }));
}
