import type { IncidentSignature, RemediationKind } from '@watchfloor/domain';

/**
 * The static policy an operator would write from alert names, most specific first. It is
 * deliberately simple: it never looks at outcomes, and it is sometimes wrong (a latency
 * alert caused by a slow dependency gets a scale-out that does not help).
 */
export interface BaselineRule {
  alert: string;
  action: RemediationKind;
}

export const BASELINE_RULES: readonly BaselineRule[] = [
  { alert: 'DeploymentRegression', action: 'rollback_deploy' },
  { alert: 'CrossRegionUnreachable', action: 'failover_region' },
  { alert: 'DiskFull', action: 'free_disk' },
  { alert: 'DiskWillFillSoon', action: 'free_disk' },
  { alert: 'DatabaseConnectionsSaturated', action: 'scale_out' },
  { alert: 'QueueBacklog', action: 'scale_out' },
  { alert: 'MemoryPressure', action: 'restart_service' },
  { alert: 'HighCPU', action: 'scale_out' },
  { alert: 'HighErrorRate', action: 'restart_service' },
  { alert: 'UpstreamTimeout', action: 'restart_service' },
  { alert: 'HighLatencyP95', action: 'scale_out' },
];

/** The first rule whose alert is present and whose action applies; null when none does. */
export function baselineAction(
  signature: IncidentSignature,
  applies: (kind: RemediationKind) => boolean,
): BaselineRule | null {
  const present = new Set(signature.alertNames);
  for (const rule of BASELINE_RULES) {
    if (present.has(rule.alert) && applies(rule.action)) return rule;
  }
  return null;
}
