import { WebhookSubscription, WebhookSubscriptionCreated } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import {
  deactivateSubscription,
  newSubscription,
  parseSubscriptionInput,
  publicView,
} from './subscription.ts';

const input = { url: 'https://hooks.example.com/x', events: ['incident.opened' as const] };
const created = newSubscription(input, 'operator', 'WH-000001', Date.UTC(2026, 0, 5));

describe('newSubscription', () => {
  it('starts active, with a fresh secret and only its last four characters on show', () => {
    expect(WebhookSubscriptionCreated.safeParse(created).success).toBe(true);
    expect(created).toMatchObject({
      active: true,
      description: null,
      createdBy: 'operator',
      createdAt: '2026-01-05T00:00:00.000Z',
      secretPreview: created.secret.slice(-4),
    });
  });
});

describe('publicView', () => {
  it('leaves the secret out', () => {
    const view = publicView(created);
    expect(view).not.toHaveProperty('secret');
    expect(WebhookSubscription.strict().safeParse(view).success).toBe(true);
  });
});

describe('deactivateSubscription', () => {
  it('records when and why it stopped', () => {
    expect(deactivateSubscription(created, 'receiver answered 410 Gone', 0)).toMatchObject({
      active: false,
      deactivatedAt: '1970-01-01T00:00:00.000Z',
      deactivatedReason: 'receiver answered 410 Gone',
    });
  });
});

describe('parseSubscriptionInput', () => {
  it('names the field that is wrong', () => {
    expect(() => parseSubscriptionInput({ ...input, url: 'ftp://x' })).toThrow(/^url: /);
  });
});
