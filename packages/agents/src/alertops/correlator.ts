import type { Alert } from '@watchfloor/domain';
import { UndirectedGraph } from 'graphology';
import { type AlertNode, toAlertNode } from './alert-node.ts';
import { type Assessment, assess } from './assessment.ts';
import { DependencyIndex } from './dependency-index.ts';
import { FALLBACK_WEIGHT, type Link, linkBetween, sameServiceWeight } from './links.ts';
import { type CorrelatorOptions, type Tuning, tuningOf } from './options.ts';

/** Where one firing alert went. */
export interface Placement {
  incidentKey: string;
  /** True when this alert opened a new incident. */
  created: boolean;
  /** Other incidents this alert joined into `incidentKey` (fold them into it). */
  mergedKeys: string[];
}

interface NodeAttributes {
  alert: AlertNode;
  key: string;
}

interface Cluster {
  key: string;
  /** Arrival number of its first alert: the older cluster keeps its key on a merge. */
  seq: number;
  members: Set<string>;
  /** Earliest onset among its alerts. */
  onset: number;
  /** The alert on its suspected root: the most downstream of its early alerts. */
  root: AlertNode;
  /** Onset of its first alert on each service. */
  firstOn: Map<string, number>;
}

/**
 * Online alert correlation. Alerts are nodes of a graph; two alerts are joined by an edge
 * when they look like one problem (a re-fire, symptoms on one service, or a cascade from a
 * callee to its callers within a few hops and minutes). An incident is a cluster of alerts
 * with a suspected root (its most downstream early alert) and a timeline (its first alert);
 * a new alert joins the incident whose evidence is strongest, where evidence is judged
 * against the incident, not just one of its alerts:
 * - onset coherence: an incident only takes alerts starting within `spanMs` of its first
 *   alert (a fault's cascade plays out in minutes); later trouble is a new incident;
 * - an alert on the incident's root service is the root's own trouble and stays with it,
 *   even when a fresher cascade from a dependency could explain it;
 * - a caller only joins an incident whose root is one of its dependencies (within
 *   `maxHops`), and prefers the nearer root, then the newer incident;
 * - symptoms on one service belong together the more surely the closer they start to the
 *   incident's first alert there; a symptom that starts minutes after is a weak link only;
 * - an alert may be the cause of an incident's root (a caller noticed first), never of one
 *   of its victims; incidents only merge that way, root explaining root, never through a
 *   common victim.
 * Deterministic: the same alerts in the same order give the same incidents.
 * @example
 * const correlator = new AlertCorrelator({ topology });
 * const { incidentKey } = correlator.add(alert);
 * correlator.assess(incidentKey).suspectedRoot; // { service: 'orders-db', confidence: 0.8, reason: '…' }
 */
export class AlertCorrelator {
  readonly #deps: DependencyIndex;
  readonly #tuning: Tuning;
  readonly #graph = new UndirectedGraph<NodeAttributes, Link>();
  readonly #clusters = new Map<string, Cluster>();
  readonly #byService = new Map<string, string[]>();
  readonly #lastByFingerprint = new Map<string, string>();
  #seq = 0;

  constructor(options: CorrelatorOptions) {
    this.#tuning = tuningOf(options);
    this.#deps = new DependencyIndex(options.topology, this.#tuning.maxHops);
  }

  /** Alerts held in memory. */
  get alertCount(): number {
    return this.#graph.order;
  }

  /** Incidents held in memory. */
  get incidentCount(): number {
    return this.#clusters.size;
  }

  /** The incident an alert belongs to, if the correlator still holds it. */
  keyOf(alertId: string): string | undefined {
    return this.#graph.hasNode(alertId) ? this.#graph.getNodeAttribute(alertId, 'key') : undefined;
  }

  /**
   * Places a firing alert in the incident with the strongest evidence for it, or opens one.
   * Incidents whose root it explains (it is on a dependency of their root's service and
   * started at most `leadMs` after it) are merged into that one; a caller hurt by two
   * unrelated faults joins one of them and does not bridge the two.
   */
  add(alert: Alert): Placement {
    const known = this.keyOf(alert.id);
    if (known !== undefined) return { incidentKey: known, created: false, mergedKeys: [] };
    const { node, links } = this.#insert(alert);
    // The strongest evidence each incident within reach has for the alert.
    const reach = new Map<Cluster, number>();
    for (const [other, link] of links) {
      const cluster = this.#clusters.get(this.#graph.getNodeAttribute(other, 'key'));
      if (!cluster) continue;
      const weight = this.#evidence(
        node,
        this.#graph.getNodeAttribute(other, 'alert'),
        link,
        cluster,
      );
      if (weight > (reach.get(cluster) ?? 0)) reach.set(cluster, weight);
    }
    const joined: { cluster: Cluster; weight: number; explains: boolean }[] = [];
    for (const [cluster, weight] of reach) {
      if (weight < this.#tuning.threshold) continue;
      joined.push({ cluster, weight, explains: this.#explainsRoot(node, cluster) });
    }
    // Ties go to the newer incident: a caller hit by two faults most likely alerts for the newer.
    joined.sort((a, b) => b.weight - a.weight || b.cluster.seq - a.cluster.seq);
    const [best, ...rest] = joined;
    if (!best) {
      this.#open(node.id, node);
      return { incidentKey: node.id, created: true, mergedKeys: [] };
    }
    const absorbed = rest.filter((j) => j.explains).map((j) => j.cluster);
    // The oldest of the merged incidents keeps its key, so incident ids stay put.
    const merged = [best.cluster, ...absorbed].sort((a, b) => a.seq - b.seq);
    const target = merged[0] ?? best.cluster;
    const others = merged.slice(1);
    for (const cluster of others) this.#absorb(target, cluster);
    this.#join(target, node);
    return { incidentKey: target.key, created: false, mergedKeys: others.map((c) => c.key) };
  }

  /** Marks an alert resolved at `at`; a later re-fire of its fingerprint may rejoin it. */
  resolve(alertId: string, at: string): void {
    if (!this.#graph.hasNode(alertId)) return;
    const alert = this.#graph.getNodeAttribute(alertId, 'alert');
    const ms = Date.parse(at);
    alert.endedAt = Number.isFinite(ms) ? ms : alert.onset;
  }

  /** Suspected root, severity, services, alerts and a title for one incident. */
  assess(incidentKey: string): Assessment {
    const cluster = this.#clusters.get(incidentKey);
    if (!cluster) throw new RangeError(`no incident ${incidentKey} in the correlator`);
    const nodes = [...cluster.members].map((id) => this.#graph.getNodeAttribute(id, 'alert'));
    return assess(nodes, this.#deps);
  }

  /** Drops incidents whose alerts all resolved before `before`; returns their keys. */
  forget(before: string): string[] {
    const cutoff = Date.parse(before);
    const dropped: Cluster[] = [];
    for (const cluster of this.#clusters.values()) {
      const done = [...cluster.members].every((id) => {
        const ended = this.#graph.getNodeAttribute(id, 'alert').endedAt;
        return ended !== null && ended < cutoff;
      });
      if (done) dropped.push(cluster);
    }
    const touched = new Set<string>();
    for (const cluster of dropped) {
      this.#clusters.delete(cluster.key);
      for (const id of cluster.members) {
        const alert = this.#graph.getNodeAttribute(id, 'alert');
        touched.add(alert.service);
        if (this.#lastByFingerprint.get(alert.fingerprint) === id) {
          this.#lastByFingerprint.delete(alert.fingerprint);
        }
        this.#graph.dropNode(id);
      }
    }
    for (const service of touched) {
      const left = (this.#byService.get(service) ?? []).filter((id) => this.#graph.hasNode(id));
      if (left.length > 0) this.#byService.set(service, left);
      else this.#byService.delete(service);
    }
    return dropped.sort((a, b) => a.seq - b.seq).map((c) => c.key);
  }

  /**
   * Rebuilds state after a restart from stored alerts and the incident each belongs to
   * (`keyOf`, e.g. its incident id, which then serves as the incident key).
   */
  restore(alerts: readonly Alert[], keyOf: (alert: Alert) => string): void {
    const ordered = [...alerts].sort(
      (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1),
    );
    for (const alert of ordered) {
      if (this.#graph.hasNode(alert.id)) continue;
      const { node } = this.#insert(alert);
      const key = keyOf(alert);
      const cluster = this.#clusters.get(key);
      if (cluster) {
        this.#join(cluster, node);
        continue;
      }
      this.#open(key, node);
    }
  }

  /**
   * Adds the alert's node and its edges to every alert it links to; returns every link to
   * an alert close enough to compare, weak ones included (the incident may make up for them).
   */
  #insert(alert: Alert): { node: AlertNode; links: [string, Link][] } {
    const node = toAlertNode(alert, this.#deps, this.#seq++);
    const t = this.#tuning;
    const links: [string, Link][] = [];
    for (const id of this.#candidates(node)) {
      const other = this.#graph.getNodeAttribute(id, 'alert');
      const link = linkBetween(node, other, this.#deps, t);
      if (this.#alreadyExplained(node, other, link)) continue;
      links.push([id, link]);
    }
    this.#graph.addNode(node.id, { alert: node, key: '' });
    for (const [id, link] of links)
      if (link.weight >= t.threshold) this.#graph.addEdge(node.id, id, link);
    const list = this.#byService.get(node.service) ?? [];
    list.push(node.id);
    this.#byService.set(node.service, list);
    this.#lastByFingerprint.set(node.fingerprint, node.id);
    return { node, links };
  }

  /**
   * A caller alert whose incident already holds an earlier failing dependency of it is not
   * re-blamed on a dependency that started failing after it, nor taken as the first sign of
   * a new problem on its service: that is how a second fault would otherwise be swallowed by
   * the first one's storm.
   */
  #alreadyExplained(node: AlertNode, other: AlertNode, link: Link): boolean {
    const blamesNode =
      link.kind === 'cascade' && link.cause === node.id && other.onset < node.onset;
    const newTrouble = link.kind === 'same-service' && node.kind === 'origin';
    if (!blamesNode && !newTrouble) return false;
    const cluster = this.#clusters.get(this.#graph.getNodeAttribute(other.id, 'key'));
    if (!cluster) return false;
    const callees = this.#deps.downstream(other.service);
    const latest = other.onset + this.#tuning.leadMs;
    for (const id of cluster.members) {
      const m = this.#graph.getNodeAttribute(id, 'alert');
      if (callees.has(m.service) && m.onset <= latest) return true;
    }
    return false;
  }

  /** Alerts close enough in time on services close enough in the graph to be compared. */
  #candidates(node: AlertNode): Set<string> {
    const services = new Set([node.service]);
    for (const s of this.#deps.downstream(node.service).keys()) services.add(s);
    for (const s of this.#deps.upstream(node.service).keys()) services.add(s);
    if (node.upstream) for (const s of this.#deps.callers(node.upstream)) services.add(s);
    const found = new Set<string>();
    const { windowMs } = this.#tuning;
    for (const service of services) {
      for (const id of this.#byService.get(service) ?? []) {
        const onset = this.#graph.getNodeAttribute(id, 'alert').onset;
        if (Math.abs(onset - node.onset) <= windowMs) found.add(id);
      }
    }
    const previous = this.#lastByFingerprint.get(node.fingerprint);
    if (previous !== undefined) found.add(previous);
    return found;
  }

  #absorb(target: Cluster, cluster: Cluster): void {
    for (const id of cluster.members) {
      target.members.add(id);
      this.#graph.setNodeAttribute(id, 'key', target.key);
    }
    this.#clusters.delete(cluster.key);
    target.onset = Math.min(target.onset, cluster.onset);
    for (const [service, onset] of cluster.firstOn) {
      target.firstOn.set(service, Math.min(onset, target.firstOn.get(service) ?? onset));
    }
    if (this.#causes(cluster.root, target.root)) target.root = cluster.root;
  }

  #open(key: string, node: AlertNode): void {
    const firstOn = new Map([[node.service, node.onset]]);
    this.#clusters.set(key, {
      key,
      seq: node.seq,
      members: new Set([node.id]),
      onset: node.onset,
      root: node,
      firstOn,
    });
    this.#graph.setNodeAttribute(node.id, 'key', key);
  }

  #join(cluster: Cluster, node: AlertNode): void {
    cluster.members.add(node.id);
    this.#graph.setNodeAttribute(node.id, 'key', cluster.key);
    cluster.onset = Math.min(cluster.onset, node.onset);
    const first = cluster.firstOn.get(node.service);
    if (first === undefined || node.onset < first) cluster.firstOn.set(node.service, node.onset);
    if (this.#causes(node, cluster.root)) cluster.root = node;
  }

  /** Whether `cause` sits on a dependency of `effect`'s service, or on it but earlier. */
  #causes(cause: AlertNode, effect: AlertNode): boolean {
    if (cause.service === effect.service) return cause.onset < effect.onset;
    return this.#deps.hops(effect.service, cause.service) !== null;
  }

  /**
   * How strongly a link to one of an incident's alerts ties a new alert to that incident:
   * - an alert on the incident's root service (or on the dependency its first alerts name as
   *   failing) that names no other failing dependency is the root's own trouble, and that
   *   outweighs anything else (a cascade reaching an already broken service does not own it);
   * - a new alert may be the cause of the incident's root (a caller noticed first), never of
   *   another of its victims (that is a new problem reaching an already-hurt caller);
   * - symptoms on one service belong together the more surely the closer they start to the
   *   incident's first alert on that service.
   */
  #evidence(node: AlertNode, other: AlertNode, link: Link, cluster: Cluster): number {
    const root = cluster.root;
    const rootService =
      root.service === node.service ? root.service : (root.upstream ?? root.service);
    const owned = root.kind !== 'local' && node.kind !== 'local' && node.upstream === null;
    const age = Math.abs(node.onset - cluster.onset);
    const span = this.#tuning.spanMs;
    if (owned && rootService === node.service && age <= span) return 1;
    if (age > span) return 0;
    if (link.kind === 'cascade' && link.cause === node.id) {
      return this.#explainsRoot(node, cluster) ? Math.max(link.weight, 0.9) : 0;
    }
    if (link.kind === 'cascade') {
      // A fault reaches callers a few hops from its root; how far the root is decides.
      const fromRoot = this.#deps.hops(node.service, rootService);
      const viaMember = this.#deps.hops(node.service, other.service);
      if (fromRoot === null || viaMember === null) return 0;
      return link.weight - 0.01 * Math.max(0, fromRoot - viaMember);
    }
    if (link.kind !== 'same-service' || link.weight === 0) return link.weight;
    const lag = node.onset - (cluster.firstOn.get(node.service) ?? node.onset);
    return Math.max(FALLBACK_WEIGHT, sameServiceWeight(lag, this.#tuning));
  }

  /**
   * Whether an alert explains an incident's suspected root: it is on a dependency of the
   * root's service and started at most a little after it (a caller may notice first).
   */
  #explainsRoot(node: AlertNode, cluster: Cluster): boolean {
    const root = cluster.root;
    if (root.service === node.service) return false;
    const link = linkBetween(node, root, this.#deps, this.#tuning);
    return (
      link.kind === 'cascade' && link.cause === node.id && link.weight >= this.#tuning.threshold
    );
  }
}
