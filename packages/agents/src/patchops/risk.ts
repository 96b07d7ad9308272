import type { PatchRisk, Topology } from '@watchfloor/domain';

export interface RiskInput {
  service: string;
  topology: Topology;
  fromVersion: string;
  toVersion: string;
  /** Failed or rolled-back rollouts of this service recently. */
  recentFailures: number;
}

/** Transitive callers of a service: everyone whose requests can reach it. */
export function transitiveCallers(service: string, topology: Topology): string[] {
  const callers = new Map<string, string[]>();
  for (const s of topology.services) {
    for (const dep of s.dependsOn) callers.set(dep, [...(callers.get(dep) ?? []), s.id]);
  }
  const seen = new Set<string>();
  const queue = [service];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const c of callers.get(next) ?? []) {
      if (c === service || seen.has(c)) continue;
      seen.add(c);
      queue.push(c);
    }
  }
  return [...seen].sort();
}

const TIER_RISK: Readonly<Record<string, [number, string]>> = {
  datastore: [0.2, 'stateful datastore'],
  queue: [0.1, 'queue: messages in flight'],
  cache: [0.05, 'cache: a cold start loads its sources'],
};

const numbers = (v: string): number[] => v.split(/[.+-]/).slice(0, 3).map(Number);

/**
 * Risk of a change from its blast radius (transitive callers, customer-facing edges, tier),
 * the size of the version jump and recent failed rollouts of the same service. 0..1.
 * @example assessRisk({ service: 'orders-db', topology, fromVersion: '1.2.0', toVersion: '1.3.0', recentFailures: 0 })
 */
export function assessRisk(input: RiskInput): PatchRisk {
  const reasons: string[] = [];
  let score = 0;
  const target = input.topology.services.find((s) => s.id === input.service);
  const callers = transitiveCallers(input.service, input.topology);
  const blast = Math.min(1, callers.length / 12) * 0.45;
  score += blast;
  reasons.push(`${callers.length} services call it directly or indirectly (+${blast.toFixed(2)})`);
  const tierOf = new Map(input.topology.services.map((s) => [s.id, s.tier]));
  const edges = [input.service, ...callers].filter((id) => tierOf.get(id) === 'edge');
  if (edges.length > 0) {
    score += 0.1;
    reasons.push(`reaches customers through ${edges.slice(0, 3).join(', ')} (+0.10)`);
  }
  const tier = TIER_RISK[target?.tier ?? ''];
  if (tier) {
    score += tier[0];
    reasons.push(`${tier[1]} (+${tier[0].toFixed(2)})`);
  }
  const [fromMajor = 0, fromMinor = 0] = numbers(input.fromVersion);
  const [toMajor = 0, toMinor = 0] = numbers(input.toVersion);
  if (toMajor !== fromMajor) {
    score += 0.2;
    reasons.push('major version change (+0.20)');
  } else if (toMinor !== fromMinor) {
    score += 0.05;
    reasons.push('minor version change (+0.05)');
  }
  if (input.recentFailures > 0) {
    const history = Math.min(0.3, 0.15 * input.recentFailures);
    score += history;
    reasons.push(`${input.recentFailures} recent failed rollouts (+${history.toFixed(2)})`);
  }
  return { score: Math.round(Math.min(1, score) * 100) / 100, reasons };
}
