import type { PatchCheck, PatchPlan, Topology } from '@watchfloor/domain';
import type { RolloutObservation } from './observation.ts';
import type { RolloutOptions } from './options.ts';

/** Everything a service calls, directly or indirectly. */
export function transitiveDependencies(service: string, topology: Topology): string[] {
  const byId = new Map(topology.services.map((s) => [s.id, s]));
  const seen = new Set<string>();
  const queue = [service];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const dep of byId.get(next)?.dependsOn ?? []) {
      if (dep === service || seen.has(dep)) continue;
      seen.add(dep);
      queue.push(dep);
    }
  }
  return [...seen].sort();
}

/** Pre-flight: healthy target, no open incident on it or what it calls, switch off, approval. */
export function preflightChecks(
  plan: PatchPlan,
  obs: RolloutObservation,
  options: RolloutOptions,
): PatchCheck[] {
  const hosts = new Set(obs.hosts.map((h) => h.host));
  const planned = plan.waves.flatMap((w) => w.hosts);
  const missing = planned.filter((h) => !hosts.has(h));
  const sick = obs.hosts.filter((h) => h.errorRate >= options.healthyErrorRate);
  const scope = new Set([plan.service, ...transitiveDependencies(plan.service, obs.topology)]);
  const incidents = obs.openIncidents.filter((i) => i.services.some((s) => scope.has(s)));
  const checks: PatchCheck[] = [
    {
      name: 'hosts_reporting',
      ok: missing.length === 0,
      reason:
        missing.length === 0
          ? `all ${planned.length} hosts report`
          : `no reading from ${missing.join(', ')}`,
    },
    {
      name: 'target_healthy',
      ok: sick.length === 0,
      reason:
        sick.length === 0
          ? `every host below ${options.healthyErrorRate * 100}% errors`
          : `${sick.map((h) => h.host).join(', ')} at or above ${options.healthyErrorRate * 100}% errors`,
    },
    {
      name: 'no_open_incident',
      ok: incidents.length === 0,
      reason:
        incidents.length === 0
          ? `no open incident on ${plan.service} or its ${scope.size - 1} dependencies`
          : `open: ${incidents.map((i) => i.id).join(', ')}`,
    },
    {
      name: 'kill_switch_released',
      ok: !obs.killSwitchEngaged,
      reason: obs.killSwitchEngaged ? 'kill switch engaged' : 'kill switch released',
    },
  ];
  checks.push({
    name: 'approval_present',
    ok: !plan.approvalRequired || plan.approvedBy !== null,
    reason: !plan.approvalRequired
      ? `risk ${plan.risk.score} needs no approval`
      : plan.approvedBy !== null
        ? `approved by ${plan.approvedBy}`
        : `risk ${plan.risk.score} needs an operator's approval`,
  });
  return checks;
}
