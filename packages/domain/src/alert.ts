import { z } from 'zod';
import { IsoTime, Labels, LabelsInput } from './common.ts';

export const AlertStatus = z.enum(['firing', 'resolved']);
export type AlertStatus = z.infer<typeof AlertStatus>;

export const AlertSeverity = z.enum(['critical', 'warning', 'info']);
export type AlertSeverity = z.infer<typeof AlertSeverity>;

export const AlertSource = z.enum(['simulator', 'api', 'alertmanager', 'predictive']);
export type AlertSource = z.infer<typeof AlertSource>;

/** An alert as stored: Alertmanager's fields plus our id, source and incident link. */
export const Alert = z.object({
  id: z.string(),
  fingerprint: z.string(),
  status: AlertStatus,
  labels: Labels,
  annotations: Labels,
  startsAt: IsoTime,
  endsAt: IsoTime.nullable(),
  receivedAt: IsoTime,
  source: AlertSource,
  incidentId: z.string().nullable(),
});
export type Alert = z.infer<typeof Alert>;

/** What a client posts to `POST /api/alerts` (same shape as Alertmanager's API). */
export const AlertInput = z
  .object({
    labels: LabelsInput.refine((l) => typeof l.alertname === 'string' && l.alertname.length > 0, {
      message: 'labels.alertname is required',
    }).refine((l) => typeof l.service === 'string' && l.service.length > 0, {
      message: 'labels.service is required',
    }),
    annotations: LabelsInput.optional(),
    startsAt: IsoTime.optional(),
    endsAt: IsoTime.optional(),
    status: AlertStatus.optional(),
    fingerprint: z.string().min(1).max(200).optional(),
    generatorURL: z.string().max(2000).optional(),
  })
  .strict();
export type AlertInput = z.infer<typeof AlertInput>;

export const AlertBatchInput = z.union([AlertInput, z.array(AlertInput).min(1).max(1000)]);
