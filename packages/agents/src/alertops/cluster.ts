import type { AlertSeverity } from '@watchfloor/domain';
import type { AlertNode } from './alert-node.ts';
import type { Assessment } from './assessment.ts';
import type { DependencyIndex } from './dependency-index.ts';
import {
  addToTally,
  incidentTitle,
  mergeTally,
  newTally,
  type ServiceTally,
  suspectRootOf,
} from './suspected-root.ts';
import { alertSeverityRank, incidentSeverity } from './symptoms.ts';

/** One service's part of an incident: its alerts and what root inference needs of them. */
export interface ServicePart extends ServiceTally {
  nodes: AlertNode[];
}

/**
 * An incident as the correlator holds it. Everything it is judged or assessed on is kept up
 * to date as alerts join, so neither costs a walk over its alerts, however large the storm.
 */
export interface Cluster {
  key: string;
  /** Arrival number of its first alert: the older cluster keeps its key on a merge. */
  seq: number;
  /** Its alerts in arrival order. */
  members: AlertNode[];
  /** Earliest onset among its alerts. */
  onset: number;
  /** The alert on its suspected root: the most downstream of its early alerts. */
  root: AlertNode;
  /** Its alerts by service; a part's `first.onset` is the service's first alert onset. */
  parts: Map<string, ServicePart>;
  /** Alertnames of its alerts naming each dependency as failing. */
  pointers: Map<string, Set<string>>;
  /** Fingerprints of its alerts (a re-fire links to its last episode wherever it is). */
  fingerprints: Set<string>;
  worst: AlertSeverity;
}

export function newCluster(key: string, node: AlertNode): Cluster {
  const cluster: Cluster = {
    key,
    seq: node.seq,
    members: [],
    onset: node.onset,
    root: node,
    parts: new Map(),
    pointers: new Map(),
    fingerprints: new Set(),
    worst: node.severity,
  };
  addMember(cluster, node);
  return cluster;
}

/** Onset of the cluster's first alert on `service`, if it has one there. */
export const firstOn = (cluster: Cluster, service: string): number | undefined =>
  cluster.parts.get(service)?.first.onset;

/** Adds an alert that arrived after every alert already in the cluster. */
export function addMember(cluster: Cluster, node: AlertNode): void {
  cluster.members.push(node);
  cluster.onset = Math.min(cluster.onset, node.onset);
  const part = cluster.parts.get(node.service);
  if (part) {
    addToTally(part, node);
    part.nodes.push(node);
  } else {
    cluster.parts.set(node.service, { ...newTally(node), nodes: [node] });
  }
  cluster.fingerprints.add(node.fingerprint);
  if (node.upstream) {
    const names = cluster.pointers.get(node.upstream) ?? new Set<string>();
    names.add(node.alertname);
    cluster.pointers.set(node.upstream, names);
  }
  if (alertSeverityRank(node.severity) > alertSeverityRank(cluster.worst))
    cluster.worst = node.severity;
}

/** Moves every alert of `other` into `cluster` (the root is the caller's to decide). */
export function mergeInto(cluster: Cluster, other: Cluster): void {
  cluster.members = bySeq(cluster.members, other.members);
  cluster.onset = Math.min(cluster.onset, other.onset);
  for (const [service, part] of other.parts) {
    const mine = cluster.parts.get(service);
    if (!mine) {
      cluster.parts.set(service, part);
      continue;
    }
    mergeTally(mine, part);
    for (const n of part.nodes) mine.nodes.push(n);
  }
  for (const fingerprint of other.fingerprints) cluster.fingerprints.add(fingerprint);
  for (const [upstream, names] of other.pointers) {
    const mine = cluster.pointers.get(upstream);
    if (mine) for (const name of names) mine.add(name);
    else cluster.pointers.set(upstream, names);
  }
  if (alertSeverityRank(other.worst) > alertSeverityRank(cluster.worst))
    cluster.worst = other.worst;
}

/** Two arrival-ordered lists as one. */
function bySeq(a: readonly AlertNode[], b: readonly AlertNode[]): AlertNode[] {
  const out: AlertNode[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const x = a[i];
    const y = b[j];
    if (x && (!y || x.seq < y.seq)) {
      out.push(x);
      i++;
    } else if (y) {
      out.push(y);
      j++;
    }
  }
  return out;
}

/** The same as `assess(cluster.members, deps)`, from the cluster's tallies. */
export function assessCluster(cluster: Cluster, deps: DependencyIndex): Assessment {
  // A merge replaces `members` and a join appends to it: this is the list as it is now.
  const { members } = cluster;
  const count = members.length;
  const firsts = [...cluster.parts.values()].sort(
    (a, b) => a.first.onset - b.first.onset || a.first.seq - b.first.seq,
  );
  const services = firsts.map((p) => p.service);
  const root = suspectRootOf(
    cluster.parts.values(),
    (service) => cluster.pointers.get(service) ?? [],
    deps,
  );
  const title = incidentTitle(root, services.length);
  return {
    suspectedRoot: { service: root.service, confidence: root.confidence, reason: root.reason },
    severity: incidentSeverity([cluster.worst], services.length),
    services,
    alertCount: members.length,
    // Listed on first read only: a storm's incident is assessed on every alert that joins it.
    get alertIds() {
      return members.slice(0, count).map((n) => n.id);
    },
    title,
  };
}
