import type { Alert, AlertSeverity, Incident, IncidentSeverity } from '@watchfloor/domain';

/** Alerts with the same name on the same service within this window share an incident. */
export const NAIVE_WINDOW_MS = 5 * 60_000;

/** Naive Alertmanager-style grouping key, until AlertOps correlation replaces it. */
export const naiveGroupKey = (alert: Alert): string =>
  `${alert.labels.alertname ?? 'unknown'}|${alert.labels.service ?? 'unknown'}`;

const severityRank: Record<IncidentSeverity, number> = { low: 0, medium: 1, high: 2, critical: 3 };

export const incidentSeverityOf = (severity: string | undefined): IncidentSeverity => {
  const map: Record<AlertSeverity, IncidentSeverity> = {
    critical: 'critical',
    warning: 'medium',
    info: 'low',
  };
  return map[severity as AlertSeverity] ?? 'medium';
};

const maxSeverity = (a: IncidentSeverity, b: IncidentSeverity): IncidentSeverity =>
  severityRank[a] >= severityRank[b] ? a : b;

export function openIncident(id: string, alert: Alert, at: string): Incident {
  const service = alert.labels.service ?? 'unknown';
  const alertname = alert.labels.alertname ?? 'alert';
  return {
    id,
    title: `${alertname} on ${service}`,
    status: 'open',
    severity: incidentSeverityOf(alert.labels.severity),
    alertIds: [alert.id],
    services: [service],
    suspectedRoot: {
      service,
      confidence: 0.5,
      reason: 'only alerting service in this group (naive alertname+service grouping)',
    },
    groupKey: naiveGroupKey(alert),
    timeline: [
      { at, kind: 'opened', message: `Opened by ${alert.id} (${alertname} on ${service})` },
      { at, kind: 'alert', message: `${alert.id} ${alertname} firing on ${service}` },
    ],
    createdAt: at,
    updatedAt: at,
    acknowledgedAt: null,
    resolvedAt: null,
    narrative: null,
  };
}

export function attachAlert(incident: Incident, alert: Alert, at: string): Incident {
  if (incident.alertIds.includes(alert.id)) return incident;
  const service = alert.labels.service ?? 'unknown';
  return {
    ...incident,
    alertIds: [...incident.alertIds, alert.id],
    services: incident.services.includes(service)
      ? incident.services
      : [...incident.services, service],
    severity: maxSeverity(incident.severity, incidentSeverityOf(alert.labels.severity)),
    updatedAt: at,
    timeline: [
      ...incident.timeline,
      {
        at,
        kind: 'alert',
        message: `${alert.id} ${alert.labels.alertname ?? 'alert'} firing on ${service}`,
      },
    ],
  };
}

/** Records an alert clearing; the incident resolves itself once none of its alerts fire. */
export function alertResolved(
  incident: Incident,
  alert: Alert,
  at: string,
  stillFiring: number,
): Incident {
  const next: Incident = {
    ...incident,
    updatedAt: at,
    timeline: [
      ...incident.timeline,
      { at, kind: 'alert_resolved', message: `${alert.id} ${alert.labels.alertname} resolved` },
    ],
  };
  if (stillFiring > 0 || incident.status === 'resolved') return next;
  return resolve(next, at, 'engine', 'All alerts resolved');
}

export type TransitionError = { code: 'already_resolved' | 'already_acknowledged' };

export function acknowledge(
  incident: Incident,
  at: string,
  actor: string,
  note?: string,
): Incident | TransitionError {
  if (incident.status === 'resolved') return { code: 'already_resolved' };
  if (incident.status === 'acknowledged') return { code: 'already_acknowledged' };
  return {
    ...incident,
    status: 'acknowledged',
    acknowledgedAt: at,
    updatedAt: at,
    timeline: [
      ...incident.timeline,
      { at, kind: 'acknowledged', message: note ?? 'Acknowledged', actor },
    ],
  };
}

export function resolve(incident: Incident, at: string, actor: string, note?: string): Incident {
  return {
    ...incident,
    status: 'resolved',
    resolvedAt: at,
    updatedAt: at,
    timeline: [...incident.timeline, { at, kind: 'resolved', message: note ?? 'Resolved', actor }],
  };
}
