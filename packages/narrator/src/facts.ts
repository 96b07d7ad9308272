import type {
  Alert,
  Incident,
  IncidentSeverity,
  IncidentStatus,
  SuspectedRoot,
} from '@watchfloor/domain';

/** At most this many alerts reach a narrator; an incident can hold thousands. */
export const MAX_ALERTS = 30;
/** At most this many timeline entries (the latest) reach a narrator. */
export const MAX_TIMELINE = 20;

export interface AlertFact {
  alertname: string;
  service: string;
  severity: string;
  startsAt: string;
}

export interface TimelineFact {
  at: string;
  kind: string;
  message: string;
}

export interface ActionFact {
  /** A runbook action kind, e.g. `restart_service`. */
  kind: string;
  service: string;
  /** e.g. `succeeded`, `running`, `failed`, `blocked`. */
  status: string;
}

/** What a narrator may know about an incident: structured, bounded, nothing else. */
export interface IncidentFacts {
  id: string;
  title: string;
  severity: IncidentSeverity;
  status: IncidentStatus;
  services: string[];
  suspectedRoot: SuspectedRoot | null;
  /** How many alerts the incident has in all; `alerts` holds the first few of them. */
  alertCount: number;
  alerts: AlertFact[];
  timeline: TimelineFact[];
  actions: ActionFact[];
  /** The action kinds a narrator may recommend; anything else is refused. */
  runbookCatalog: string[];
}

/**
 * Builds bounded facts from a stored incident and its alerts.
 * @example factsFromIncident(incident, alerts, [], ['restart_service', 'scale_out'])
 */
export function factsFromIncident(
  incident: Incident,
  alerts: readonly Alert[],
  actions: readonly ActionFact[],
  runbookCatalog: readonly string[],
): IncidentFacts {
  return {
    id: incident.id,
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    services: [...incident.services],
    suspectedRoot: incident.suspectedRoot,
    alertCount: incident.alertCount,
    alerts: alerts.slice(0, MAX_ALERTS).map((alert) => ({
      alertname: alert.labels.alertname ?? 'unnamed',
      service: alert.labels.service ?? 'unknown',
      severity: alert.labels.severity ?? 'unknown',
      startsAt: alert.startsAt,
    })),
    timeline: incident.timeline
      .slice(-MAX_TIMELINE)
      .map(({ at, kind, message }) => ({ at, kind, message })),
    actions: [...actions],
    runbookCatalog: [...runbookCatalog],
  };
}
