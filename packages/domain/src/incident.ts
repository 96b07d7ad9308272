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

export const IncidentTransitionInput = z.object({ note: z.string().max(2000).optional() }).strict();
