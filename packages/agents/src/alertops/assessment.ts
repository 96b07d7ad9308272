import type { IncidentSeverity, SuspectedRoot } from '@watchfloor/domain';
import type { AlertNode } from './alert-node.ts';
import type { DependencyIndex } from './dependency-index.ts';
import { incidentTitle, suspectRoot } from './suspected-root.ts';
import { incidentSeverity } from './symptoms.ts';

/** What the correlator says about one incident. */
export interface Assessment {
  suspectedRoot: SuspectedRoot;
  severity: IncidentSeverity;
  /** Affected services, the earliest to alert first. */
  services: string[];
  /** Its alerts in arrival order. */
  readonly alertIds: string[];
  /** How many alerts it has (`alertIds.length`, without listing them). */
  alertCount: number;
  title: string;
}

export function assess(nodes: readonly AlertNode[], deps: DependencyIndex): Assessment {
  const byArrival = [...nodes].sort((a, b) => a.seq - b.seq);
  const byOnset = [...nodes].sort((a, b) => a.onset - b.onset || a.seq - b.seq);
  const services = [...new Set(byOnset.map((n) => n.service))];
  const root = suspectRoot(nodes, deps);
  const title = incidentTitle(root, services.length);
  return {
    suspectedRoot: { service: root.service, confidence: root.confidence, reason: root.reason },
    severity: incidentSeverity(
      nodes.map((n) => n.severity),
      services.length,
    ),
    services,
    alertIds: byArrival.map((n) => n.id),
    alertCount: byArrival.length,
    title,
  };
}
