import type { AlertNode } from './alert-node.ts';
import type { Cluster, ServicePart } from './cluster.ts';
import { evidenceVia, explainsRoot, type Judge, ownedByRoot } from './evidence.ts';
import { cascadeCeiling, FALLBACK_WEIGHT, sameServiceWeight } from './links.ts';

/**
 * The strongest evidence an incident has for a new alert over its alerts on `services` that
 * started within `windowMs` of it (at least `floor`): the same as the maximum of
 * `evidenceVia` over all of them, without looking at most of them. Its services are visited
 * from the highest ceiling down (the most any of its alerts there could give), and the walk
 * stops once no service left can beat what was found: in a storm, a new alert's first link
 * to one of the incident's alerts on its own service usually settles it.
 */
export function strongestEvidence(
  node: AlertNode,
  cluster: Cluster,
  services: ReadonlySet<string>,
  judge: Judge,
  floor = 0,
): number {
  const ceilingOf = ceilings(node, cluster, judge);
  const parts: { part: ServicePart; top: number }[] = [];
  for (const [service, part] of cluster.parts) {
    if (services.has(service)) parts.push({ part, top: ceilingOf(part) });
  }
  parts.sort((a, b) => b.top - a.top);
  const { windowMs } = judge.tuning;
  let best = floor;
  for (const { part, top } of parts) {
    if (best >= top) break;
    for (const other of part.nodes) {
      if (Math.abs(other.onset - node.onset) > windowMs) continue;
      const weight = evidenceVia(node, other, cluster, judge);
      if (weight > best) best = weight;
      if (best >= top) break;
    }
  }
  return best;
}

/**
 * The most evidence any alert of one of the incident's services could give for `node`
 * (see `evidence`): 1 when the root owns it; otherwise what the links possible with that
 * service allow (a repeat 0.95, instance noise with the same check 0.9, symptoms on one
 * service their weight against the incident's first alert there, a cascade its best case,
 * two callers of one failing dependency 0.8).
 */
export function ceilings(
  node: AlertNode,
  cluster: Cluster,
  judge: Judge,
): (part: ServicePart) => number {
  if (ownedByRoot(node, cluster, judge)) return () => 1;
  const { deps, tuning } = judge;
  const repeat = cluster.fingerprints.has(node.fingerprint) ? 0.95 : 0;
  if (node.kind === 'local') return () => Math.max(repeat, 0.9);
  let explains: boolean | undefined;
  return (part) => {
    // Instance noise links only to the same check, so never to this alert.
    const base = repeat;
    if (part.service === node.service) {
      const lag = node.onset - part.first.onset;
      return Math.max(base, FALLBACK_WEIGHT, sameServiceWeight(lag, tuning));
    }
    const down = deps.hops(node.service, part.service);
    if (down !== null) return Math.max(base, cascadeCeiling(down, node, 'caller'));
    const up = deps.hops(part.service, node.service);
    if (up !== null) {
      explains ??= explainsRoot(node, cluster, judge);
      return explains ? Math.max(base, 0.9, cascadeCeiling(up, node, 'callee')) : base;
    }
    return Math.max(base, node.upstream !== null ? 0.8 : 0);
  };
}
