import type { AlertNode } from './alert-node.ts';
import { type Cluster, firstOn } from './cluster.ts';
import type { DependencyIndex } from './dependency-index.ts';
import { FALLBACK_WEIGHT, type Link, linkBetween, sameServiceWeight } from './links.ts';
import type { Tuning } from './options.ts';

/** What judging evidence needs besides the alerts: the dependency graph and the tuning. */
export interface Judge {
  deps: DependencyIndex;
  tuning: Tuning;
}

/**
 * Whether an alert on the incident's root service (or on the dependency its first alerts name
 * as failing) that names no other failing dependency is the root's own trouble: the strongest
 * evidence there is (1), whichever of the incident's alerts it links to.
 */
export function ownedByRoot(node: AlertNode, cluster: Cluster, { tuning }: Judge): boolean {
  const root = cluster.root;
  const rootService =
    root.service === node.service ? root.service : (root.upstream ?? root.service);
  const owned = root.kind !== 'local' && node.kind !== 'local' && node.upstream === null;
  return owned && rootService === node.service && ageOf(node, cluster) <= tuning.spanMs;
}

const ageOf = (node: AlertNode, cluster: Cluster): number => Math.abs(node.onset - cluster.onset);

/**
 * How strongly a link to one of an incident's alerts ties a new alert to that incident:
 * - an alert the root owns (see `ownedByRoot`) outweighs anything else (a cascade reaching an
 *   already broken service does not own it);
 * - an incident only takes alerts starting within `spanMs` of its first alert: none other;
 * - a new alert may be the cause of the incident's root (a caller noticed first), never of
 *   another of its victims (that is a new problem reaching an already-hurt caller);
 * - symptoms on one service belong together the more surely the closer they start to the
 *   incident's first alert on that service.
 */
export function evidence(
  node: AlertNode,
  other: AlertNode,
  link: Link,
  cluster: Cluster,
  judge: Judge,
): number {
  const { deps, tuning } = judge;
  if (ownedByRoot(node, cluster, judge)) return 1;
  if (ageOf(node, cluster) > tuning.spanMs) return 0;
  if (link.kind === 'cascade' && link.cause === node.id) {
    return explainsRoot(node, cluster, judge) ? Math.max(link.weight, 0.9) : 0;
  }
  if (link.kind === 'cascade') {
    // A fault reaches callers a few hops from its root; how far the root is decides.
    const root = cluster.root;
    const rootService =
      root.service === node.service ? root.service : (root.upstream ?? root.service);
    const fromRoot = deps.hops(node.service, rootService);
    const viaMember = deps.hops(node.service, other.service);
    if (fromRoot === null || viaMember === null) return 0;
    return link.weight - 0.01 * Math.max(0, fromRoot - viaMember);
  }
  if (link.kind !== 'same-service' || link.weight === 0) return link.weight;
  const lag = node.onset - (firstOn(cluster, node.service) ?? node.onset);
  return Math.max(FALLBACK_WEIGHT, sameServiceWeight(lag, tuning));
}

/**
 * Whether an alert explains an incident's suspected root: it is on a dependency of the
 * root's service and started at most a little after it (a caller may notice first).
 */
export function explainsRoot(node: AlertNode, cluster: Cluster, { deps, tuning }: Judge): boolean {
  const root = cluster.root;
  if (root.service === node.service) return false;
  const link = linkBetween(node, root, deps, tuning);
  return link.kind === 'cascade' && link.cause === node.id && link.weight >= tuning.threshold;
}

/**
 * A caller alert whose incident already holds an earlier failing dependency of it is not
 * re-blamed on a dependency that started failing after it, nor taken as the first sign of
 * a new problem on its service: that is how a second fault would otherwise be swallowed by
 * the first one's storm.
 */
export function alreadyExplained(
  node: AlertNode,
  other: AlertNode,
  link: Link,
  cluster: Cluster,
  { deps, tuning }: Judge,
): boolean {
  const blamesNode = link.kind === 'cascade' && link.cause === node.id && other.onset < node.onset;
  const newTrouble = link.kind === 'same-service' && node.kind === 'origin';
  if (!blamesNode && !newTrouble) return false;
  const callees = deps.downstream(other.service);
  const latest = other.onset + tuning.leadMs;
  // The cluster's first alert on each service stands for all of its alerts there.
  if (callees.size < cluster.parts.size) {
    for (const service of callees.keys()) {
      const first = firstOn(cluster, service);
      if (first !== undefined && first <= latest) return true;
    }
    return false;
  }
  for (const [service, part] of cluster.parts) {
    if (callees.has(service) && part.first.onset <= latest) return true;
  }
  return false;
}

/** The evidence one alert of the incident gives for a new one; 0 when already explained. */
export function evidenceVia(
  node: AlertNode,
  other: AlertNode,
  cluster: Cluster,
  judge: Judge,
): number {
  const link = linkBetween(node, other, judge.deps, judge.tuning);
  if (alreadyExplained(node, other, link, cluster, judge)) return 0;
  return evidence(node, other, link, cluster, judge);
}
