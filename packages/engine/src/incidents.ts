import type { Alert, Incident } from '@watchfloor/domain';
import { withAlertEvent } from './timeline.ts';

/** What AlertOps concluded about an incident, applied to the stored record. */
export interface IncidentShape {
  title: string;
  severity: Incident['severity'];
  services: string[];
  alertIds: string[];
  suspectedRoot: Incident['suspectedRoot'];
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/**
 * The set of each alert id list handed out, so adding an alert to a storm's incident does not
 * hash its whole list again; kept under the list (lists are replaced, never changed).
 */
const idSets = new WeakMap<readonly string[], Set<string>>();

/** `ids` then the ids of `more` it lacks, each once; like `union` for a list without repeats. */
function withIds(ids: readonly string[], more: readonly string[]): string[] {
  // `more` usually repeats `ids` in order before the new ones: skip that without hashing.
  let same = 0;
  while (same < ids.length && same < more.length && ids[same] === more[same]) same++;
  const seen = idSets.get(ids) ?? new Set(ids);
  idSets.delete(ids);
  const out = [...ids];
  for (let i = same; i < more.length; i++) {
    const id = more[i];
    if (id === undefined || seen.has(id)) continue;
    seen.add(id);
    out.push(id);
  }
  idSets.set(out, seen);
  return out;
}

export function openIncident(
  id: string,
  groupKey: string,
  shape: IncidentShape,
  alert: Alert,
  at: string,
): Incident {
  return {
    id,
    title: shape.title,
    status: 'open',
    severity: shape.severity,
    alertIds: withIds([], shape.alertIds),
    services: shape.services,
    suspectedRoot: shape.suspectedRoot,
    groupKey,
    timeline: [
      {
        at,
        kind: 'opened',
        message: `Opened by ${alert.id} (${alert.labels.alertname} on ${alert.labels.service})`,
      },
      alertEntry(alert, at),
    ],
    createdAt: at,
    updatedAt: at,
    acknowledgedAt: null,
    resolvedAt: null,
    narrative: null,
  };
}

const alertEntry = (alert: Alert, at: string) => ({
  at,
  kind: 'alert' as const,
  message: `${alert.id} ${alert.labels.alertname ?? 'alert'} firing on ${alert.labels.service ?? 'unknown'}${alert.labels.host ? ` (${alert.labels.host})` : ''}`,
});

/** A new alert joined: its services, severity and suspected root follow the correlator. */
export function attachAlert(
  incident: Incident,
  shape: IncidentShape,
  alert: Alert,
  at: string,
): Incident {
  const rootChanged = shape.suspectedRoot?.service !== incident.suspectedRoot?.service;
  return {
    ...incident,
    title: shape.title,
    severity: shape.severity,
    alertIds: withIds(incident.alertIds, [...shape.alertIds, alert.id]),
    services: union(shape.services, incident.services),
    suspectedRoot: shape.suspectedRoot,
    updatedAt: at,
    timeline: [
      ...withAlertEvent(incident.timeline, alertEntry(alert, at)),
      ...(rootChanged && shape.suspectedRoot
        ? [
            {
              at,
              kind: 'note' as const,
              message: `Suspected root now ${shape.suspectedRoot.service}: ${shape.suspectedRoot.reason}`,
            },
          ]
        : []),
    ],
  };
}

/** Another incident turned out to be the same problem: its alerts move into this one. */
export function absorb(
  survivor: Incident,
  merged: Incident,
  at: string,
): { survivor: Incident; merged: Incident } {
  return {
    survivor: {
      ...survivor,
      alertIds: withIds(survivor.alertIds, merged.alertIds),
      services: union(survivor.services, merged.services),
      updatedAt: at,
      timeline: [
        ...survivor.timeline,
        { at, kind: 'note', message: `Merged ${merged.id} (${merged.title}) into this incident` },
      ],
    },
    merged: {
      ...merged,
      status: 'resolved',
      resolvedAt: at,
      updatedAt: at,
      timeline: [
        ...merged.timeline,
        {
          at,
          kind: 'resolved',
          message: `Merged into ${survivor.id}: same problem`,
          actor: 'alertops',
        },
      ],
    },
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
    timeline: withAlertEvent(incident.timeline, {
      at,
      kind: 'alert_resolved',
      message: `${alert.id} ${alert.labels.alertname} resolved`,
    }),
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
