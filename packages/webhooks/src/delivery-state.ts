import {
  WEBHOOK_MAX_BODY_BYTES,
  type WebhookDelivery,
  type WebhookEvent,
} from '@watchfloor/domain';
import type { AttemptResult } from './send.ts';

const iso = (ms: number): string => new Date(ms).toISOString();

export const isOutstanding = (delivery: WebhookDelivery): boolean =>
  delivery.status === 'pending' || delivery.status === 'retrying';

export interface NewDelivery {
  id: string;
  subscriptionId: string;
  event: WebhookEvent;
  eventId: string;
  body: string;
  nowMs: number;
  maxAttempts: number;
}

/** A delivery due now; one whose body is over the limit is failed at once, never sent. */
export const createDelivery = (input: NewDelivery): WebhookDelivery => {
  const created: WebhookDelivery = {
    id: input.id,
    subscriptionId: input.subscriptionId,
    event: input.event,
    eventId: input.eventId,
    status: 'pending',
    attempts: 0,
    maxAttempts: input.maxAttempts,
    lastStatusCode: null,
    lastError: null,
    lastAttemptAt: null,
    nextAttemptAt: iso(input.nowMs),
    durationMs: null,
    createdAt: iso(input.nowMs),
    deliveredAt: null,
    requestBody: input.body,
  };
  const bytes = Buffer.byteLength(input.body, 'utf8');
  if (bytes <= WEBHOOK_MAX_BODY_BYTES) return created;
  return {
    ...created,
    status: 'failed',
    nextAttemptAt: null,
    lastError: `payload is ${bytes} bytes, over the ${WEBHOOK_MAX_BODY_BYTES}-byte limit; not sent`,
    requestBody: input.body.slice(0, WEBHOOK_MAX_BODY_BYTES),
  };
};

export interface AttemptTiming {
  startedAtMs: number;
  finishedAtMs: number;
  /** Delay before the next attempt after `attempts` failures. */
  retryDelayMs: (attempts: number) => number;
}

/** The delivery after one attempt: succeeded, scheduled again, or given up on. */
export const recordAttempt = (
  delivery: WebhookDelivery,
  result: AttemptResult,
  timing: AttemptTiming,
): WebhookDelivery => {
  const attempts = delivery.attempts + 1;
  const attempted = {
    ...delivery,
    attempts,
    lastStatusCode: result.statusCode,
    lastAttemptAt: iso(timing.startedAtMs),
    durationMs: Math.max(0, timing.finishedAtMs - timing.startedAtMs),
  };
  if (result.ok) {
    return {
      ...attempted,
      status: 'succeeded',
      lastError: null,
      nextAttemptAt: null,
      deliveredAt: iso(timing.finishedAtMs),
    };
  }
  if (result.statusCode === 410) {
    return {
      ...attempted,
      status: 'failed',
      lastError: 'receiver answered 410 Gone; subscription deactivated',
      nextAttemptAt: null,
    };
  }
  if (attempts >= delivery.maxAttempts) {
    return {
      ...attempted,
      status: 'failed',
      lastError: `${result.error}; gave up after ${attempts} attempts`,
      nextAttemptAt: null,
    };
  }
  return {
    ...attempted,
    status: 'retrying',
    lastError: result.error,
    nextAttemptAt: iso(timing.finishedAtMs + timing.retryDelayMs(attempts)),
  };
};

/** Stops an outstanding delivery for good, saying why. */
export const abandonDelivery = (delivery: WebhookDelivery, reason: string): WebhookDelivery => ({
  ...delivery,
  status: 'failed',
  lastError: reason,
  nextAttemptAt: null,
});
