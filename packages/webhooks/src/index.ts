export { type BackoffOptions, DEFAULT_BACKOFF, retryDelayMs } from './backoff.ts';
export {
  checkDestination,
  type DestinationCheck,
  type DestinationOptions,
  type LookupAll,
  type ResolvedAddress,
} from './destination.ts';
export {
  type PublishOptions,
  WebhookDispatcher,
  type WebhookDispatcherOptions,
} from './dispatcher.ts';
export { WebhookError, type WebhookErrorCode } from './errors.ts';
export {
  deliveryFromKnowledge,
  deliveryKey,
  type KnowledgeItem,
  type KnowledgeReader,
  type LoadedWebhooks,
  loadWebhooks,
  subscriptionFromKnowledge,
  toKnowledgeItems,
  WEBHOOK_DELIVERIES_NAMESPACE,
  WEBHOOK_SUBSCRIPTIONS_NAMESPACE,
} from './knowledge.ts';
export { generateSecret, secretPreview } from './secret.ts';
export { type AttemptResult, deliveryHeaders, type FetchLike } from './send.ts';
export {
  DEFAULT_TOLERANCE_SECONDS,
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signPayload,
  USER_AGENT,
  type VerifyOptions,
  type VerifyResult,
  verifySignature,
} from './signature.ts';
export type {
  LoggedDelivery,
  StoredWebhookSubscription,
  WebhookChange,
  WebhookStore,
} from './store.ts';
