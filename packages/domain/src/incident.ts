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

export const Incident = z.object({
  id: z.string(),
  title: z.string(),
  status: IncidentStatus,
  severity: IncidentSeverity,
  alertIds: z.array(z.string()),
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
  alertCount: z.number().int().nonnegative(),
});
export type IncidentSummary = z.infer<typeof IncidentSummary>;

export const summarizeIncident = (incident: Incident): IncidentSummary => ({
  id: incident.id,
  title: incident.title,
  status: incident.status,
  severity: incident.severity,
  services: incident.services.slice(0, SUMMARY_SERVICES),
  serviceCount: incident.services.length,
  alertCount: incident.alertIds.length,
  suspectedRoot: incident.suspectedRoot && {
    service: incident.suspectedRoot.service,
    confidence: incident.suspectedRoot.confidence,
  },
  createdAt: incident.createdAt,
  updatedAt: incident.updatedAt,
  acknowledgedAt: incident.acknowledgedAt,
  resolvedAt: incident.resolvedAt,
});

export const IncidentTransitionInput = z.object({ note: z.string().max(2000).optional() }).strict();
