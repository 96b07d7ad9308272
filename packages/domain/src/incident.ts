import { z } from 'zod';
import { IsoTime } from './common.ts';

export const IncidentStatus = z.enum([
  'open',
  'acknowledged',
  'mitigating',
  'resolved',
  'escalated',
]);
export type IncidentStatus = z.infer<typeof IncidentStatus>;

export const IncidentSeverity = z.enum(['critical', 'high', 'medium', 'low']);
export type IncidentSeverity = z.infer<typeof IncidentSeverity>;

export const SuspectedRoot = z.object({
  service: z.string(),
  confidence: z.number().min(0).max(1),
  reason: z.string(),
});
export type SuspectedRoot = z.infer<typeof SuspectedRoot>;

export const TimelineEntry = z.object({
  at: IsoTime,
  kind: z.enum(['opened', 'alert', 'alert_resolved', 'acknowledged', 'resolved', 'note', 'action']),
  message: z.string(),
  actor: z.string().optional(),
});
export type TimelineEntry = z.infer<typeof TimelineEntry>;

/**
 * Alert ids an incident record keeps: the first (the storm's onset, where the root shows) and
 * the latest (what is happening now, what the detail page lists). A storm can bring tens of
 * thousands of alerts and the record is one DynamoDB item (at most 400 KB); every alert names
 * its incident, so `GET /api/alerts?incidentId=` pages them all.
 */
export const FIRST_ALERT_IDS = 100;
export const LATEST_ALERT_IDS = 100;
export const MAX_ALERT_IDS = FIRST_ALERT_IDS + LATEST_ALERT_IDS;

export const Incident = z.object({
  id: z.string(),
  title: z.string(),
  status: IncidentStatus,
  severity: IncidentSeverity,
  /** The first and the latest of its alerts (see `MAX_ALERT_IDS`), in the order they joined. */
  alertIds: z
    .array(z.string())
    .max(MAX_ALERT_IDS)
    .describe(
      `Its first ${FIRST_ALERT_IDS} and latest ${LATEST_ALERT_IDS} alert ids in the order they joined; GET /api/alerts?incidentId= pages every one`,
    ),
  /** How many alerts joined it in all (`alertIds` keeps a bounded part of them). */
  alertCount: z.number().int().nonnegative().describe('How many alerts joined it in all'),
  services: z.array(z.string()),
  suspectedRoot: SuspectedRoot.nullable(),
  /** Grouping key the correlator used; lets late alerts find their incident. */
  groupKey: z.string(),
  timeline: z.array(TimelineEntry),
  createdAt: IsoTime,
  updatedAt: IsoTime,
  acknowledgedAt: IsoTime.nullable(),
  resolvedAt: IsoTime.nullable(),
  narrative: z.string().nullable(),
});
export type Incident = z.infer<typeof Incident>;

/** Services a list row names at most; `serviceCount` tells how many there are in all. */
export const SUMMARY_SERVICES = 12;

/**
 * An incident as lists show it: without the parts that grow with the incident (alert ids,
 * timeline, the root's reasoning), so a page of 50 stays small whatever the storm. The detail
 * route has the rest.
 */
export const IncidentSummary = Incident.omit({
  alertIds: true,
  timeline: true,
  groupKey: true,
  narrative: true,
}).extend({
  suspectedRoot: SuspectedRoot.omit({ reason: true }).nullable(),
  services: z.array(z.string()).max(SUMMARY_SERVICES),
  serviceCount: z.number().int().nonnegative(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const summarizeIncident = (incident: Incident): IncidentSummary => ({
  id: incident.id,
  title: incident.title,
  status: incident.status,
  severity: incident.severity,
  services: incident.services.slice(0, SUMMARY_SERVICES),
  serviceCount: incident.services.length,
  alertCount: incident.alertCount,
  suspectedRoot: incident.suspectedRoot && {
    service: incident.suspectedRoot.service,
    confidence: incident.suspectedRoot.confidence,
  },
  createdAt: incident.createdAt,
  updatedAt: incident.updatedAt,
  acknowledgedAt: incident.acknowledgedAt,
  resolvedAt: incident.resolvedAt,
});

/** `ids` bounded as an incident keeps them: the first `FIRST_ALERT_IDS` and the latest. */
export const boundAlertIds = (ids: readonly string[]): string[] =>
  ids.length <= MAX_ALERT_IDS
    ? [...ids]
    : [...ids.slice(0, FIRST_ALERT_IDS), ...ids.slice(ids.length - LATEST_ALERT_IDS)];

/**
 * An incident as stored before `alertCount` existed (every alert id in `alertIds`) in today's
 * shape; a current record comes back as it is.
 */
export const upgradeIncident = (stored: Incident): Incident =>
  typeof stored.alertCount === 'number'
    ? stored
    : { ...stored, alertIds: boundAlertIds(stored.alertIds), alertCount: stored.alertIds.length };

export const IncidentTransitionInput = z.object({ note: z.string().max(2000).optional() }).strict();
