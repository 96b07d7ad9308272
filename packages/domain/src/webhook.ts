import { z } from 'zod';
import { IsoTime } from './common.ts';

export const WebhookEvent = z.enum([
  'incident.opened',
  'incident.updated',
  'incident.resolved',
  'kill_switch.changed',
  'rollout.state_changed',
  'webhook.test',
]);
export type WebhookEvent = z.infer<typeof WebhookEvent>;

/** Largest request body a delivery sends (and keeps in its log), in UTF-8 bytes. */
export const WEBHOOK_MAX_BODY_BYTES = 65_536;

const hasNoCredentials = (url: string): boolean => {
  try {
    const parsed = new URL(url);
    return parsed.username === '' && parsed.password === '';
  } catch {
    return false;
  }
};

/** Where deliveries go. Only the shape is checked here; reachability (SSRF) is the dispatcher's. */
export const WebhookUrl = z
  .url({ protocol: /^https?$/, error: 'must be an http or https URL' })
  .max(2000)
  .refine(hasNoCredentials, 'must not carry a username or password');

export const WebhookSubscriptionInput = z
  .object({
    url: WebhookUrl,
    events: z
      .array(WebhookEvent)
      .min(1)
      .refine((events) => new Set(events).size === events.length, 'must not repeat an event'),
    description: z.string().trim().max(500).optional(),
  })
  .strict();
export type WebhookSubscriptionInput = z.infer<typeof WebhookSubscriptionInput>;

export const WebhookSubscription = z.object({
  /** `WH-000001`, given by the caller. */
  id: z.string().regex(/^WH-\d+$/),
  url: WebhookUrl,
  events: z.array(WebhookEvent).min(1),
  description: z.string().nullable(),
  active: z.boolean(),
  createdAt: IsoTime,
  createdBy: z.string(),
  /** Last four characters of the signing secret, so an operator can tell secrets apart. */
  secretPreview: z.string().max(4),
  /** Set when it stopped receiving: removed by an operator, or the receiver answered 410 Gone. */
  deactivatedAt: IsoTime.nullable(),
  deactivatedReason: z.string().nullable(),
});
export type WebhookSubscription = z.infer<typeof WebhookSubscription>;

/** The creation response: the only time the full signing secret is shown. */
export const WebhookSubscriptionCreated = WebhookSubscription.extend({
  secret: z.string().startsWith('whsec_'),
});
export type WebhookSubscriptionCreated = z.infer<typeof WebhookSubscriptionCreated>;

export const WebhookDeliveryStatus = z.enum(['pending', 'retrying', 'succeeded', 'failed']);
export type WebhookDeliveryStatus = z.infer<typeof WebhookDeliveryStatus>;

/** One event sent to one subscription, with the outcome of its latest attempt. */
export const WebhookDelivery = z.object({
  /** `DLV-000001`; also sent as the `X-Watchfloor-Delivery` header. */
  id: z.string().regex(/^DLV-\d+$/),
  subscriptionId: z.string(),
  event: WebhookEvent,
  /** The same for every delivery of one event, so receivers can deduplicate. */
  eventId: z.string(),
  status: WebhookDeliveryStatus,
  attempts: z.number().int().nonnegative(),
  maxAttempts: z.number().int().positive(),
  lastStatusCode: z.number().int().nullable(),
  lastError: z.string().nullable(),
  lastAttemptAt: IsoTime.nullable(),
  nextAttemptAt: IsoTime.nullable(),
  /** How long the latest attempt took, in milliseconds. */
  durationMs: z.number().nonnegative().nullable(),
  createdAt: IsoTime,
  deliveredAt: IsoTime.nullable(),
  /** The JSON body exactly as sent (what the signature covers). */
  requestBody: z.string().max(WEBHOOK_MAX_BODY_BYTES),
});
export type WebhookDelivery = z.infer<typeof WebhookDelivery>;

/** The JSON body of every delivery. */
export const WebhookPayload = z.object({
  id: z.string(),
  type: WebhookEvent,
  createdAt: IsoTime,
  data: z.unknown(),
});
export type WebhookPayload = z.infer<typeof WebhookPayload>;
