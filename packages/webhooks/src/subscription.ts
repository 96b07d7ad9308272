import { type WebhookSubscription, WebhookSubscriptionInput } from '@watchfloor/domain';
import { WebhookError } from './errors.ts';
import { generateSecret, secretPreview } from './secret.ts';
import type { StoredWebhookSubscription } from './store.ts';

/** The input, checked again here since not every caller comes through the API's validator. */
export const parseSubscriptionInput = (input: unknown): WebhookSubscriptionInput => {
  const parsed = WebhookSubscriptionInput.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue?.path.join('.') || 'body';
  throw new WebhookError('invalid_input', `${field}: ${issue?.message ?? 'invalid'}`);
};

export const assertSubscriptionId = (id: string): void => {
  if (!/^WH-\d+$/.test(id)) throw new WebhookError('invalid_input', `bad subscription id ${id}`);
};

/** A new active subscription with a freshly generated secret. */
export const newSubscription = (
  input: WebhookSubscriptionInput,
  author: string,
  id: string,
  nowMs: number,
): StoredWebhookSubscription => {
  const secret = generateSecret();
  return {
    id,
    url: input.url,
    events: input.events,
    description: input.description ?? null,
    active: true,
    createdAt: new Date(nowMs).toISOString(),
    createdBy: author,
    secretPreview: secretPreview(secret),
    deactivatedAt: null,
    deactivatedReason: null,
    secret,
  };
};

export const deactivateSubscription = (
  subscription: StoredWebhookSubscription,
  reason: string,
  nowMs: number,
): StoredWebhookSubscription => ({
  ...subscription,
  active: false,
  deactivatedAt: new Date(nowMs).toISOString(),
  deactivatedReason: reason,
});

/** What anyone but the creator sees: everything except the secret. */
export const publicView = ({
  secret: _secret,
  ...subscription
}: StoredWebhookSubscription): WebhookSubscription => subscription;
