import type { Alert } from '@watchfloor/domain';
import { UndirectedGraph } from 'graphology';
import { type AlertNode, toAlertNode } from './alert-node.ts';
import { type Assessment, assess } from './assessment.ts';
import { DependencyIndex } from './dependency-index.ts';
import { type Link, linkBetween } from './links.ts';
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
}

/**
 * Online alert correlation. Alerts are nodes of a graph; two alerts are joined by an edge
 * when they look like one problem (a re-fire, symptoms on one service, or a cascade from a
 * callee to its callers within a few hops and minutes). A new alert joins the incident it
 * links to most strongly; incidents only merge through a common cause, never through a
 * common victim. Deterministic: the same alerts in the same order give the same incidents.
 * @example
 * const correlator = new AlertCorrelator({ topology });
 * const { incidentKey } = correlator.add(alert);
 * correlator.assess(incidentKey).suspectedRoot; // { service: 'orders-db', confidence: 0.8, reason: '…' }
 */
// DEBUG-START
export const debugHook: {
  fn?: (info: {
    id: string;
    key: string;
    created: boolean;
    kind: string;
    via: string;
    merged: string[];
    candidates: { key: string; weight: number; kind: string; via: string }[];
  }) => void;
} = {};
// DEBUG-END
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
   * Places a firing alert in the incident it links to most strongly, or opens one. Incidents
   * it explains (it is on a service their alerts depend on) are merged into that one; a
   * caller hurt by two unrelated faults joins one of them and does not bridge the two.
   */
  add(alert: Alert): Placement {
    const known = this.keyOf(alert.id);
    if (known !== undefined) return { incidentKey: known, created: false, mergedKeys: [] };
    const node = this.#insert(alert);
    const reach = new Map<string, { weight: number; link: Link; other: string }>();
    this.#graph.forEachEdge(node.id, (_edge, link, source, target) => {
      const other = source === node.id ? target : source;
      const key = this.#graph.getNodeAttribute(other, 'key');
      // Blaming an alert on the new one only counts for the incident's root (see #fit).
      const weight = link.cause === node.id ? 0 : link.weight;
      const seen = reach.get(key);
      if (!seen || weight > seen.weight) reach.set(key, { weight, link, other });
    });
    const dbg = (key: string, created: boolean, merged: string[]) => {
      const r = reach.get(key);
      debugHook.fn?.({
        id: node.id,
        key,
        created,
        kind: r?.link.kind ?? '',
        via: r?.other ?? '',
        merged,
        candidates: [...reach].map(([k, x]) => ({
          key: k,
          weight: x.weight,
          kind: x.link.kind,
          via: x.other,
        })),
      });
    };
    const joined: { cluster: Cluster; weight: number; explains: boolean }[] = [];
    for (const [key, r] of reach) {
      const cluster = this.#clusters.get(key);
      if (!cluster || !this.#coherent(node, cluster)) continue;
      const explains = this.#explainsRoot(node, cluster);
      joined.push({ cluster, weight: this.#fit(node, cluster, r, explains), explains });
    }
    joined.splice(0, joined.length, ...joined.filter((j) => j.weight >= this.#tuning.threshold));
    joined.sort((a, b) => b.weight - a.weight || a.cluster.seq - b.cluster.seq);
    const [best, ...rest] = joined;
    if (!best) {
      const cluster = {
        key: node.id,
        seq: node.seq,
        members: new Set([node.id]),
        onset: node.onset,
        root: node,
      };
      this.#clusters.set(node.id, cluster);
      this.#graph.setNodeAttribute(node.id, 'key', node.id);
      dbg(node.id, true, []);
      return { incidentKey: node.id, created: true, mergedKeys: [] };
    }
    const absorbed = rest.filter((j) => j.explains).map((j) => j.cluster);
    // The oldest of the merged incidents keeps its key, so incident ids stay put.
    const merged = [best.cluster, ...absorbed].sort((a, b) => a.seq - b.seq);
    const target = merged[0] ?? best.cluster;
    const others = merged.slice(1);
    for (const cluster of others) this.#absorb(target, cluster);
    dbg(
      best.cluster.key,
      false,
      others.map((c) => c.key),
    );
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
      const node = this.#insert(alert);
      const key = keyOf(alert);
      const cluster = this.#clusters.get(key);
      if (cluster) {
        this.#join(cluster, node);
        continue;
      }
      this.#clusters.set(key, {
        key,
        seq: node.seq,
        members: new Set([node.id]),
        onset: node.onset,
        root: node,
      });
      this.#graph.setNodeAttribute(node.id, 'key', key);
    }
  }

  /** Adds the alert's node and its edges to every alert it links to. */
  #insert(alert: Alert): AlertNode {
    const node = toAlertNode(alert, this.#deps, this.#seq++);
    const t = this.#tuning;
    const links: [string, Link][] = [];
    for (const id of this.#candidates(node)) {
      const other = this.#graph.getNodeAttribute(id, 'alert');
      const link = linkBetween(node, other, this.#deps, t);
      if (link.weight >= t.threshold && !this.#alreadyExplained(node, other, link)) {
        links.push([id, link]);
      }
    }
    this.#graph.addNode(node.id, { alert: node, key: '' });
    for (const [id, link] of links) this.#graph.addEdge(node.id, id, link);
    const list = this.#byService.get(node.service) ?? [];
    list.push(node.id);
    this.#byService.set(node.service, list);
    this.#lastByFingerprint.set(node.fingerprint, node.id);
    return node;
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
    if (this.#causes(cluster.root, target.root)) target.root = cluster.root;
  }

  #join(cluster: Cluster, node: AlertNode): void {
    cluster.members.add(node.id);
    this.#graph.setNodeAttribute(node.id, 'key', cluster.key);
    cluster.onset = Math.min(cluster.onset, node.onset);
    if (this.#causes(node, cluster.root)) cluster.root = node;
  }

  /** Whether `cause` sits on a dependency of `effect`'s service, or on it but earlier. */
  #causes(cause: AlertNode, effect: AlertNode): boolean {
    if (cause.service === effect.service) return cause.onset < effect.onset;
    return this.#deps.hops(effect.service, cause.service) !== null;
  }

  /**
   * How well an alert fits an incident it links to: its best link to the incident's alerts,
   * except that a new alert may only be the cause of the incident's root (the incident
   * started on one of its callers), not of any victim in it (that is a new problem reaching
   * an already-hurt caller); and an alert on the incident's root service that names no other
   * failing dependency is the root's own trouble, which outweighs a cascade.
   */
  #fit(node: AlertNode, cluster: Cluster, best: { weight: number }, explains: boolean): number {
    if (explains) return Math.max(best.weight, 0.9);
    if (cluster.root.service === node.service && node.upstream === null && best.weight > 0) {
      return Math.max(best.weight, 0.97);
    }
    return best.weight;
  }

  /** Whether an alert fits an incident's timeline: it starts within the incident's span. */
  #coherent(node: AlertNode, cluster: Cluster): boolean {
    return Math.abs(node.onset - cluster.onset) <= this.#tuning.spanMs;
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
