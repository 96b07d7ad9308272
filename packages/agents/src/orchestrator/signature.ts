import type { IncidentSignature } from '@watchfloor/domain';
import type { IncidentView } from './incident-view.ts';

/** Symptom metrics each alert implies (the sim's and Alertmanager's usual names). */
const SYMPTOMS: Readonly<Record<string, readonly string[]>> = {
  HighLatencyP95: ['latency_p95_ms'],
  HighErrorRate: ['error_rate'],
  HighCPU: ['cpu'],
  MemoryPressure: ['memory'],
  DiskWillFillSoon: ['disk'],
  DiskFull: ['disk'],
  QueueBacklog: ['queue_depth'],
  DatabaseConnectionsSaturated: ['connections'],
  UpstreamTimeout: ['upstream_timeouts'],
  CrossRegionUnreachable: ['cross_region_errors'],
  DeploymentRegression: ['error_rate', 'release'],
};

/** One instance misbehaving; they say nothing about the cause, so they stay out of keys. */
const INSTANCE_NOISE: ReadonlySet<string> = new Set([
  'HealthCheckFlapping',
  'PodRestarted',
  'NodeClockSkew',
]);

/** Whether an alert is one instance misbehaving, which says nothing about a service's trouble. */
export const isInstanceNoise = (alertname: string): boolean => INSTANCE_NOISE.has(alertname);

/** Symptoms that build up slowly and that a forecast can see coming. */
export const SLOW_TREND_SYMPTOMS: ReadonlySet<string> = new Set(['memory', 'disk']);

/**
 * The cause each cause alert (or PredictiveOps' predicted alert) names, in order of how
 * much it says: a deploy regression explains errors, a full disk explains slowness, and so on.
 */
const CAUSE_OF: Readonly<Record<string, string>> = {
  DeploymentRegression: 'release',
  DiskFull: 'disk',
  DiskWillFillSoon: 'disk',
  PredictedDiskFull: 'disk',
  DatabaseConnectionsSaturated: 'connections',
  QueueBacklog: 'queue',
  MemoryPressure: 'memory',
  PredictedMemoryExhaustion: 'memory',
  HighCPU: 'cpu',
};
const CAUSE_RANK: readonly string[] = ['release', 'disk', 'connections', 'queue', 'memory', 'cpu'];
/**
 * Alerts that blame something else: a service that cannot reach its dependency across
 * regions points at that dependency, even when it is the service suspected.
 */
const RELAYED = 'CrossRegionUnreachable';
/** What the root itself shows when no cause alert fires there. */
const OWN_SYMPTOMS: Readonly<Record<string, string>> = {
  HighLatencyP95: 'latency',
  HighErrorRate: 'errors',
  UpstreamTimeout: 'timeouts',
};

const sortedDistinct = (items: Iterable<string>): string[] =>
  [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** The strongest cause among alert names, or null when none names a cause. */
export function causeOf(alertNames: Iterable<string>): string | null {
  let best: string | null = null;
  for (const name of alertNames) {
    const cause = CAUSE_OF[name];
    if (cause && (best === null || CAUSE_RANK.indexOf(cause) < CAUSE_RANK.indexOf(best)))
      best = cause;
  }
  return best;
}

/**
 * Whether the suspected root shows a cause of its own yet: then the incident is ready for a
 * decision without waiting for callers' alerts to pile up.
 */
export const rootCauseEvident = (rootAlertNames: Iterable<string>): boolean =>
  causeOf(rootAlertNames) !== null;

/**
 * The incident's signature: features any operator could read off the incident, so the same
 * kind of trouble maps to the same key whatever fault caused it and in whatever order its
 * alerts arrived. It keys on the suspected root: its tier and the cause its own alerts name
 * (callers' relayed symptoms say little about what to do at the root). A root without a cause
 * alert of its own keys on its own symptoms, or, when it raised nothing itself, on the cause its
 * callers relay (they cannot reach it across regions).
 * Without `rootAlertNames`, every alert counts as the root's.
 * @example perceive(view).key // 'datastore|connections'
 */
export function perceive(incident: IncidentView): IncidentSignature {
  const alertNames = sortedDistinct(incident.alertNames);
  const meaningful = alertNames.filter((n) => !INSTANCE_NOISE.has(n));
  const symptoms = sortedDistinct(meaningful.flatMap((n) => SYMPTOMS[n] ?? []));
  const multiService = new Set(incident.services).size > 1;
  const tier = incident.rootTier ?? 'unknown';
  const own = sortedDistinct(incident.rootAlertNames ?? meaningful).filter(
    (n) => !INSTANCE_NOISE.has(n),
  );
  const ownCause = causeOf(own);
  let what: string;
  if (ownCause !== null) what = ownCause;
  // A silent root its callers cannot reach: the partition is the cause.
  else if (own.length === 0 && meaningful.includes(RELAYED)) what = 'relayed:cross_region';
  else {
    const seen = sortedDistinct(own.flatMap((n) => OWN_SYMPTOMS[n] ?? []));
    what = `symptoms:${seen.length > 0 ? seen.join('+') : 'none'}`;
  }
  return {
    key: `${tier}|${what}`,
    // A cause means much the same on any tier; bare symptoms do not.
    family: ownCause !== null || what.startsWith('relayed:') ? `*|${what}` : `${tier}|symptoms`,
    alertNames,
    symptoms,
    rootTier: incident.rootTier,
    multiService,
  };
}
