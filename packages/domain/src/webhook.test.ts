import { describe, expect, it } from 'vitest';
import { WebhookSubscriptionInput } from './webhook.ts';

const valid = { url: 'https://hooks.example.com/watchfloor', events: ['incident.opened'] };

describe('WebhookSubscriptionInput', () => {
  it('accepts an https URL with known events and an optional description', () => {
    expect(WebhookSubscriptionInput.safeParse(valid).success).toBe(true);
    expect(WebhookSubscriptionInput.safeParse({ ...valid, description: ' pager ' }).data).toEqual({
      ...valid,
      description: 'pager',
    });
  });

  it.each([
    ['a file URL', { ...valid, url: 'file:///etc/passwd' }, 'url'],
    ['credentials in the URL', { ...valid, url: 'https://u:p@hooks.example.com/' }, 'url'],
    ['an over-long URL', { ...valid, url: `https://x.example.com/${'a'.repeat(2000)}` }, 'url'],
    ['no events', { ...valid, events: [] }, 'events'],
    ['an unknown event', { ...valid, events: ['incident.deleted'] }, 'events'],
    ['a repeated event', { ...valid, events: ['incident.opened', 'incident.opened'] }, 'events'],
    ['an unknown field', { ...valid, secret: 'mine' }, ''],
  ])('refuses %s, naming the field', (_case, input, field) => {
    const result = WebhookSubscriptionInput.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path[0] ?? '').toBe(field);
  });
});
