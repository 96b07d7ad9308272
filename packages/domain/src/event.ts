import { z } from 'zod';

/** Any event a system emits; only a few well-known fields are read, the rest is context. */
export const EventInput = z.looseObject({
  source: z.string().max(200).optional(),
  type: z.string().max(200).optional(),
  level: z.string().max(20).optional(),
  message: z.string().max(10_000).optional(),
  status: z.number().int().min(100).max(599).optional(),
  count: z.number().int().nonnegative().optional(),
});
export type EventInput = z.infer<typeof EventInput>;

export const EventCategory = z.enum([
  'validation_error',
  'system_error',
  'security_issue',
  'ignorable',
]);
export type EventCategory = z.infer<typeof EventCategory>;

export const EventAnalysis = z.object({
  category: EventCategory,
  severity: z.enum(['low', 'medium', 'high']),
  /** 1 is the most urgent. */
  priority: z.number().int().min(1).max(5),
  recommendedAction: z.string(),
  /** A runbook action that fits, when one does. */
  runbookAction: z.string().nullable(),
  reasons: z.array(z.string()),
});
export type EventAnalysis = z.infer<typeof EventAnalysis>;

export const ValidatePayloadInput = z
  .object({
    payload: z.record(z.string(), z.unknown()),
    /** Dotted paths, e.g. `user.id`. */
    requiredFields: z.array(z.string().min(1).max(200)).min(1).max(200),
  })
  .strict();
export type ValidatePayloadInput = z.infer<typeof ValidatePayloadInput>;
