import { type Alert, boundAlertIds, type Incident } from '@watchfloor/domain';
import { withAlertEvent } from './timeline.ts';

/** What AlertOps concluded about an incident, applied to the stored record. */
export interface IncidentShape {
  title: string;
  severity: Incident['severity'];
  services: string[];
  /** Every alert of the correlator's cluster (read only when it may hold ones new here). */
  readonly alertIds: readonly string[];
  alertCount: number;
  suspectedRoot: Incident['suspectedRoot'];
}

const union = (a: readonly string[], b: readonly string[]) => [...new Set([...a, ...b])];

/** Every alert id an incident took in, in order, and the same as a set. */
interface Members {
  all: string[];
  seen: Set<string>;
}

/**
 * The members of each bounded `alertIds` list handed out (the record keeps only the first and
 * latest ids), so a joining alert is counted once and a storm's ids are not hashed again on
 * every alert. Kept under the list, which is replaced, never changed; a list this process did
 * not make (a restored record) knows only its own ids until `rememberAlerts` adds more.
 */
const membersOf = new WeakMap<readonly string[], Members>();

const members = (ids: readonly string[]): Members =>
  membersOf.get(ids) ?? { all: [...ids], seen: new Set(ids) };

/**
 * Every alert id this process knows the incident holds, in the order they joined: all of them
 * for an incident it opened, the record's bounded `alertIds` (plus `rememberAlerts`) otherwise.
 */
export const alertMembers = (incident: Incident): readonly string[] =>
  members(incident.alertIds).all;

/** Marks ids as already counted in a restored incident (its firing alerts, say). */
export function rememberAlerts(incident: Incident, ids: Iterable<string>): void {
  const known = members(incident.alertIds);
  for (const id of ids) {
    if (known.seen.has(id)) continue;
    known.seen.add(id);
    known.all.push(id);
  }
  membersOf.set(incident.alertIds, known);
}

/** `ids` with the ids of `more` not yet in the incident, bounded, and the new total. */
function withIds(
  ids: readonly string[],
  count: number,
  more: readonly string[],
): { alertIds: string[]; alertCount: number } {
  const known = members(ids);
  membersOf.delete(ids);
  // `more` usually repeats the members in order before the new ones: skip that without hashing.
  let same = 0;
  while (same < known.all.length && same < more.length && known.all[same] === more[same]) same++;
  const added: string[] = [];
  for (let i = same; i < more.length; i++) {
    const id = more[i];
    if (id === undefined || known.seen.has(id)) continue;
    known.seen.add(id);
    known.all.push(id);
    added.push(id);
  }
  const alertIds = boundAlertIds([...ids, ...added]);
  membersOf.set(alertIds, known);
  return { alertIds, alertCount: count + added.length };
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
    ...withIds([], 0, shape.alertIds),
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

/**
 * A new alert joined: its services, severity and suspected root follow the correlator. Unless
 * its cluster just took in another (`merged`), the cluster holds this incident's alerts and the
 * new one, so only that one is added: walking a storm's ids on every alert would cost O(n).
 */
export function attachAlert(
  incident: Incident,
  shape: IncidentShape,
  alert: Alert,
  at: string,
  merged = true,
): Incident {
  const rootChanged = shape.suspectedRoot?.service !== incident.suspectedRoot?.service;
  const walk = merged || shape.alertCount > members(incident.alertIds).all.length + 1;
  return {
    ...incident,
    title: shape.title,
    severity: shape.severity,
    ...withIds(
      incident.alertIds,
      incident.alertCount,
      walk ? [...shape.alertIds, alert.id] : [alert.id],
    ),
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
  const theirs = alertMembers(merged);
  const joined = withIds(survivor.alertIds, survivor.alertCount, theirs);
  // Alerts of a restored record that this process never saw count as its own.
  const unseen = Math.max(0, merged.alertCount - theirs.length);
  return {
    survivor: {
      ...survivor,
      alertIds: joined.alertIds,
      alertCount: joined.alertCount + unseen,
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
