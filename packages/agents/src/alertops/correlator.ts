import type { Alert } from '@watchfloor/domain';
import { type AlertNode, toAlertNode } from './alert-node.ts';
import type { Assessment } from './assessment.ts';
import { addMember, assessCluster, type Cluster, mergeInto, newCluster } from './cluster.ts';
import { ClusterIndex } from './cluster-index.ts';
import { DependencyIndex } from './dependency-index.ts';
import { evidenceVia, explainsRoot, type Judge } from './evidence.ts';
import { type CorrelatorOptions, type Tuning, tuningOf } from './options.ts';
import { strongestEvidence } from './reach.ts';

/** Where one firing alert went. */
export interface Placement {
  incidentKey: string;
  /** True when this alert opened a new incident. */
  created: boolean;
  /** Other incidents this alert joined into `incidentKey` (fold them into it). */
  mergedKeys: string[];
}

interface Held {
  alert: AlertNode;
  /** Key of the cluster it is in. */
  key: string;
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
 *
 * Cost per alert does not grow with the alerts firing: an alert is only compared with the
 * alerts of incidents that started within `spanMs` of it (no other incident can take it), and
 * incidents keep what they are judged and assessed on up to date as alerts join.
 * @example
 * const correlator = new AlertCorrelator({ topology });
 * const { incidentKey } = correlator.add(alert);
 * correlator.assess(incidentKey).suspectedRoot; // { service: 'orders-db', confidence: 0.8, reason: '…' }
 */
export class AlertCorrelator {
  readonly #deps: DependencyIndex;
  readonly #tuning: Tuning;
  readonly #judge: Judge;
  readonly #held = new Map<string, Held>();
  readonly #clusters = new Map<string, Cluster>();
  readonly #byOnset: ClusterIndex;
  readonly #lastByFingerprint = new Map<string, string>();
  #seq = 0;

  constructor(options: CorrelatorOptions) {
    this.#tuning = tuningOf(options);
    this.#deps = new DependencyIndex(options.topology, this.#tuning.maxHops);
    this.#byOnset = new ClusterIndex(this.#tuning.spanMs);
    this.#judge = { deps: this.#deps, tuning: this.#tuning };
  }

  /** Alerts held in memory. */
  get alertCount(): number {
    return this.#held.size;
  }

  /** Incidents held in memory. */
  get incidentCount(): number {
    return this.#clusters.size;
  }

  /** The incident an alert belongs to, if the correlator still holds it. */
  keyOf(alertId: string): string | undefined {
    return this.#held.get(alertId)?.key;
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
    const node = toAlertNode(alert, this.#deps, this.#seq++);
    const reach = this.#reach(node);
    this.#hold(node);
    const joined: { cluster: Cluster; weight: number; explains: boolean }[] = [];
    for (const [cluster, weight] of reach) {
      if (weight < this.#tuning.threshold) continue;
      joined.push({ cluster, weight, explains: explainsRoot(node, cluster, this.#judge) });
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
    const held = this.#held.get(alertId);
    if (!held) return;
    const ms = Date.parse(at);
    held.alert.endedAt = Number.isFinite(ms) ? ms : held.alert.onset;
  }

  /** Suspected root, severity, services, alerts and a title for one incident. */
  assess(incidentKey: string): Assessment {
    const cluster = this.#clusters.get(incidentKey);
    if (!cluster) throw new RangeError(`no incident ${incidentKey} in the correlator`);
    return assessCluster(cluster, this.#deps);
  }

  /** Drops incidents whose alerts all resolved before `before`; returns their keys. */
  forget(before: string): string[] {
    const cutoff = Date.parse(before);
    const dropped: Cluster[] = [];
    for (const cluster of this.#clusters.values()) {
      const done = cluster.members.every((m) => m.endedAt !== null && m.endedAt < cutoff);
      if (done) dropped.push(cluster);
    }
    for (const cluster of dropped) {
      this.#clusters.delete(cluster.key);
      this.#byOnset.delete(cluster);
      for (const alert of cluster.members) {
        if (this.#lastByFingerprint.get(alert.fingerprint) === alert.id) {
          this.#lastByFingerprint.delete(alert.fingerprint);
        }
        this.#held.delete(alert.id);
      }
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
      if (this.#held.has(alert.id)) continue;
      const node = toAlertNode(alert, this.#deps, this.#seq++);
      this.#hold(node);
      const key = keyOf(alert);
      const cluster = this.#clusters.get(key);
      if (cluster) {
        this.#join(cluster, node);
        continue;
      }
      this.#open(key, node);
    }
  }

  #hold(node: AlertNode): void {
    this.#held.set(node.id, { alert: node, key: '' });
    this.#lastByFingerprint.set(node.fingerprint, node.id);
  }

  /**
   * The strongest evidence each incident within reach has for a new alert, over its links to
   * every alert close enough to compare, weak ones included (the incident may make up for
   * them). Only incidents that started within `spanMs` of it are looked at: any other has no
   * evidence for it (see `evidence`).
   */
  #reach(node: AlertNode): Map<Cluster, number> {
    const reach = new Map<Cluster, number>();
    const { spanMs } = this.#tuning;
    const services = this.#deps.neighbourhood(node.service, node.upstream);
    // A re-fire is compared with its fingerprint's last episode, however long ago.
    const previous = this.#held.get(this.#lastByFingerprint.get(node.fingerprint) ?? '');
    const last = previous && this.#clusters.get(previous.key);
    if (previous && last && Math.abs(node.onset - last.onset) <= spanMs) {
      const weight = evidenceVia(node, previous.alert, last, this.#judge);
      if (weight > 0) reach.set(last, weight);
    }
    for (const cluster of this.#byOnset.near(node.onset, spanMs)) {
      const floor = reach.get(cluster) ?? 0;
      const weight = strongestEvidence(node, cluster, services, this.#judge, floor);
      if (weight > floor) reach.set(cluster, weight);
    }
    return reach;
  }

  #absorb(target: Cluster, cluster: Cluster): void {
    for (const m of cluster.members) {
      const held = this.#held.get(m.id);
      if (held) held.key = target.key;
    }
    this.#clusters.delete(cluster.key);
    this.#byOnset.delete(cluster);
    mergeInto(target, cluster);
    this.#byOnset.move(target);
    if (this.#causes(cluster.root, target.root)) target.root = cluster.root;
  }

  #open(key: string, node: AlertNode): void {
    const cluster = newCluster(key, node);
    this.#clusters.set(key, cluster);
    this.#byOnset.add(cluster);
    this.#setKey(node, key);
  }

  #join(cluster: Cluster, node: AlertNode): void {
    addMember(cluster, node);
    this.#byOnset.move(cluster);
    this.#setKey(node, cluster.key);
    if (this.#causes(node, cluster.root)) cluster.root = node;
  }

  #setKey(node: AlertNode, key: string): void {
    const held = this.#held.get(node.id);
    if (held) held.key = key;
  }

  /** Whether `cause` sits on a dependency of `effect`'s service, or on it but earlier. */
  #causes(cause: AlertNode, effect: AlertNode): boolean {
    if (cause.service === effect.service) return cause.onset < effect.onset;
    return this.#deps.hops(effect.service, cause.service) !== null;
  }
}
