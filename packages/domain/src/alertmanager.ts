import { z } from 'zod';
import { LabelsInput } from './common.ts';

/** Alertmanager writes this for "no end yet". */
const ZERO_TIME = /^0001-01-01T00:00:00/;
const amTime = z
  .string()
  .max(64)
  .transform((s) => (ZERO_TIME.test(s) ? undefined : s))
  .pipe(z.iso.datetime({ offset: true }).optional());

/** One alert as Alertmanager's webhook (version 4) sends it; unknown keys are tolerated. */
export const AlertmanagerAlert = z.looseObject({
  status: z.enum(['firing', 'resolved']),
  labels: LabelsInput,
  annotations: LabelsInput.optional().default({}),
  startsAt: amTime.optional(),
  endsAt: amTime.optional(),
  generatorURL: z.string().max(2000).optional(),
  fingerprint: z.string().min(1).max(200).optional(),
});

export const AlertmanagerWebhook = z.looseObject({
  version: z.literal('4'),
  groupKey: z.string().max(2000),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(500).optional(),
  alerts: z.array(AlertmanagerAlert).max(5000),
});
export type AlertmanagerWebhook = z.infer<typeof AlertmanagerWebhook>;
