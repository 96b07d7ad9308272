import type { SuspectedRoot } from '@watchfloor/domain';
import type { AlertNode } from './alert-node.ts';
import type { DependencyIndex } from './dependency-index.ts';

/**
 * What root-cause inference needs of one alerting service, kept up to date alert by alert
 * (an incident's tallies never need its alerts again).
 */
export interface ServiceTally {
  service: string;
  /** Its earliest alert (by onset, then arrival). */
  first: AlertNode;
  /** Its earliest alert with a resource or release symptom of its own. */
  origin: AlertNode | undefined;
  /** How often its alerts name each dependency as failing. */
  hints: Map<string, number>;
  alerts: number;
}

/** One alerting service as seen by root-cause inference. */
interface ServiceView {
  service: string;
  onset: number;
  first: AlertNode;
  origin: AlertNode | undefined;
  /** The dependency its alerts most often name as failing, if any. */
  pointsAt: string | null;
  alerts: number;
}

export interface RootFinding extends SuspectedRoot {
  /** The alertname that best describes the root's trouble, for titles. */
  symptom: string;
  alerting: boolean;
}

/** An incident's title from its root and how many services it affects. */
export function incidentTitle(root: RootFinding, serviceCount: number): string {
  const spread = serviceCount > 1 ? ` affecting ${serviceCount} services` : '';
  return root.alerting
    ? `${root.symptom} on ${root.service}${spread}`
    : `${root.service} unreachable (${root.symptom})${spread}`;
}

const WEIGHTS = { coverage: 0.4, pointedAt: 0.25, earliest: 0.2, origin: 0.15 } as const;

const before = (a: AlertNode, b: AlertNode): boolean =>
  a.onset < b.onset || (a.onset === b.onset && a.seq < b.seq);

export const newTally = (node: AlertNode): ServiceTally => ({
  service: node.service,
  first: node,
  origin: node.kind === 'origin' ? node : undefined,
  hints: node.upstream ? new Map([[node.upstream, 1]]) : new Map(),
  alerts: 1,
});

/** Counts one more alert on the tally's service. */
export function addToTally(tally: ServiceTally, node: AlertNode): void {
  if (before(node, tally.first)) tally.first = node;
  if (node.kind === 'origin' && (!tally.origin || before(node, tally.origin))) tally.origin = node;
  if (node.upstream) tally.hints.set(node.upstream, (tally.hints.get(node.upstream) ?? 0) + 1);
  tally.alerts++;
}

/** Folds another tally of the same service in (two incidents merging). */
export function mergeTally(tally: ServiceTally, other: ServiceTally): void {
  if (before(other.first, tally.first)) tally.first = other.first;
  if (other.origin && (!tally.origin || before(other.origin, tally.origin)))
    tally.origin = other.origin;
  for (const [target, n] of other.hints)
    tally.hints.set(target, (tally.hints.get(target) ?? 0) + n);
  tally.alerts += other.alerts;
}

/** One tally per alerting service. */
export function tallyNodes(nodes: readonly AlertNode[]): Map<string, ServiceTally> {
  const tallies = new Map<string, ServiceTally>();
  for (const n of nodes) {
    const tally = tallies.get(n.service);
    if (tally) addToTally(tally, n);
    else tallies.set(n.service, newTally(n));
  }
  return tallies;
}

function viewsOf(tallies: Iterable<ServiceTally>): ServiceView[] {
  const views: ServiceView[] = [];
  for (const { service, first, origin, hints, alerts } of tallies) {
    let pointsAt: string | null = null;
    let most = 0;
    for (const [target, count] of [...hints].sort(([a], [b]) => (a < b ? -1 : 1))) {
      if (count > most) [pointsAt, most] = [target, count];
    }
    views.push({ service, onset: first.onset, first, origin, pointsAt, alerts });
  }
  return views.sort((a, b) => a.onset - b.onset || (a.service < b.service ? -1 : 1));
}

/** Follows "calls to X fail" pointers from a service to where they stop. */
function terminalOf(start: ServiceView, views: ReadonlyMap<string, ServiceView>): string {
  let current = start;
  const seen = new Set([current.service]);
  while (current.pointsAt !== null && !seen.has(current.pointsAt)) {
    const next = views.get(current.pointsAt);
    if (!next) return current.pointsAt;
    seen.add(next.service);
    current = next;
  }
  return current.service;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * The service most likely at the root of a cluster: the one the most alerting services depend
 * on (faults spread from callees to callers), that the "calls to X fail" alerts lead to, that
 * alerted earliest and with a resource or release symptom of its own.
 */
export function suspectRoot(nodes: readonly AlertNode[], deps: DependencyIndex): RootFinding {
  const names = (service: string) => [
    ...new Set(nodes.filter((x) => x.upstream === service).map((x) => x.alertname)),
  ];
  return suspectRootOf(tallyNodes(nodes).values(), names, deps);
}

/**
 * As `suspectRoot`, from each alerting service's tally; `namesPointingAt(service)` gives the
 * alertnames of the alerts that name `service` as failing.
 */
export function suspectRootOf(
  tallies: Iterable<ServiceTally>,
  namesPointingAt: (service: string) => Iterable<string>,
  deps: DependencyIndex,
): RootFinding {
  const views = viewsOf(tallies);
  const byService = new Map(views.map((v) => [v.service, v]));
  const n = views.length;
  const votes = new Map<string, number>();
  for (const v of views) {
    const t = terminalOf(v, byService);
    votes.set(t, (votes.get(t) ?? 0) + 1);
  }
  const candidates = [...new Set([...views.map((v) => v.service), ...votes.keys()])];
  const scored = candidates.map((service) => {
    const view = byService.get(service);
    const covered = views.filter(
      (v) => v.service === service || deps.hops(v.service, service) !== null,
    ).length;
    const rank = view ? views.filter((v) => v.onset < view.onset).length : n;
    const earliest = view ? 1 - rank / Math.max(1, n - 1) : 0;
    const score =
      WEIGHTS.coverage * (covered / n) +
      WEIGHTS.pointedAt * ((votes.get(service) ?? 0) / n) +
      WEIGHTS.earliest * Math.max(0, earliest) +
      WEIGHTS.origin * (view?.origin ? 1 : 0);
    return { service, view, covered, rank, score };
  });
  scored.sort(
    (a, b) =>
      b.score - a.score ||
      (a.view?.onset ?? Number.POSITIVE_INFINITY) - (b.view?.onset ?? Number.POSITIVE_INFINITY) ||
      (a.service < b.service ? -1 : 1),
  );
  const [best, second] = scored;
  if (!best)
    return { service: 'unknown', confidence: 0, reason: 'no alerts', symptom: '', alerting: false };
  const confidence = best.score * (1 - 0.5 * ((second?.score ?? 0) / best.score));
  const round = Math.round(Math.min(1, Math.max(0, confidence)) * 100) / 100;
  const { service, view } = best;
  if (!view) {
    const pointing = votes.get(service) ?? 0;
    const names = [...new Set(namesPointingAt(service))].sort();
    return {
      service,
      confidence: round,
      reason: `${service} raised no alert, but calls to it fail from ${pointing} of ${plural(n, 'alerting service')} (${names.join(', ')})`,
      symptom: names[0] ?? 'unreachable',
      alerting: false,
    };
  }
  const symptom = (view.origin ?? view.first).alertname;
  const when = best.rank === 0 ? 'alerted first' : 'alerted';
  const others = best.covered - 1;
  const reason =
    n === 1
      ? `${service} is the only alerting service (${symptom}, ${plural(view.alerts, 'alert')})`
      : `${service} ${when} (${symptom}) and ${others} of ${n - 1} other alerting services depend on it`;
  return { service, confidence: round, reason, symptom, alerting: true };
}
