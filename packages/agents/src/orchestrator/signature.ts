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

/** Alerts that point at a cause rather than at what callers feel; they name the family. */
const CAUSE_ALERTS: ReadonlySet<string> = new Set([
  'DatabaseConnectionsSaturated',
  'DiskWillFillSoon',
  'DiskFull',
  'QueueBacklog',
  'MemoryPressure',
  'DeploymentRegression',
  'HighCPU',
  'CrossRegionUnreachable',
]);

/** One instance misbehaving; they say nothing about the cause, so they stay out of keys. */
const INSTANCE_NOISE: ReadonlySet<string> = new Set([
  'HealthCheckFlapping',
  'PodRestarted',
  'NodeClockSkew',
]);

/** Symptoms that build up slowly and that a forecast can see coming. */
export const SLOW_TREND_SYMPTOMS: ReadonlySet<string> = new Set(['memory', 'disk']);

const sortedDistinct = (items: Iterable<string>): string[] =>
  [...new Set(items)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/**
 * The incident's signature: features any operator could read off the incident, so the same
 * kind of trouble maps to the same key whatever fault caused it and in whatever order its
 * alerts arrived.
 * @example perceive(view).key // 'datastore|DatabaseConnectionsSaturated+HighLatencyP95|multi'
 */
export function perceive(incident: IncidentView): IncidentSignature {
  const alertNames = sortedDistinct(incident.alertNames);
  const meaningful = alertNames.filter((n) => !INSTANCE_NOISE.has(n));
  const symptoms = sortedDistinct(meaningful.flatMap((n) => SYMPTOMS[n] ?? []));
  const multiService = new Set(incident.services).size > 1;
  const tier = incident.rootTier ?? 'unknown';
  const causes = meaningful.filter((n) => CAUSE_ALERTS.has(n));
  const names = meaningful.length > 0 ? meaningful.join('+') : 'none';
  return {
    key: `${tier}|${names}|${multiService ? 'multi' : 'single'}`,
    family: `${tier}|${causes.length > 0 ? causes.join('+') : 'symptoms'}`,
    alertNames,
    symptoms,
    rootTier: incident.rootTier,
    multiService,
  };
}
