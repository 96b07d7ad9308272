import { WEBHOOK_MAX_BODY_BYTES, WebhookDelivery } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { abandonDelivery, createDelivery, isOutstanding, recordAttempt } from './delivery-state.ts';

const t0 = Date.parse('2026-01-05T00:00:00.000Z');
const fresh = createDelivery({
  id: 'DLV-000001',
  subscriptionId: 'WH-000001',
  event: 'incident.opened',
  eventId: 'EVT-000001',
  body: '{"id":"EVT-000001"}',
  nowMs: t0,
  maxAttempts: 3,
});
const timing = { startedAtMs: t0, finishedAtMs: t0 + 40, retryDelayMs: (n: number) => n * 1000 };

describe('createDelivery', () => {
  it('creates a valid delivery that is due now', () => {
    expect(WebhookDelivery.safeParse(fresh).success).toBe(true);
    expect(fresh).toMatchObject({ status: 'pending', attempts: 0, nextAttemptAt: fresh.createdAt });
  });

  it('fails an oversized payload at once and keeps only a bounded body', () => {
    const body = `"${'x'.repeat(WEBHOOK_MAX_BODY_BYTES)}"`;
    const big = createDelivery({ ...fresh, body, nowMs: t0, maxAttempts: 3 });
    expect(big.status).toBe('failed');
    expect(big.lastError).toContain('over the 65536-byte limit; not sent');
    expect(big.requestBody.length).toBe(WEBHOOK_MAX_BODY_BYTES);
    expect(WebhookDelivery.safeParse(big).success).toBe(true);
  });
});

describe('recordAttempt', () => {
  it('marks a 2xx as delivered', () => {
    const next = recordAttempt(fresh, { ok: true, statusCode: 204 }, timing);
    expect(next).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 204,
      durationMs: 40,
      nextAttemptAt: null,
      deliveredAt: '2026-01-05T00:00:00.040Z',
    });
    expect(isOutstanding(next)).toBe(false);
  });

  it('schedules a retry after a failure, counting from when the attempt ended', () => {
    const next = recordAttempt(
      fresh,
      { ok: false, statusCode: 500, error: 'receiver answered 500' },
      timing,
    );
    expect(next).toMatchObject({
      status: 'retrying',
      attempts: 1,
      lastError: 'receiver answered 500',
      nextAttemptAt: '2026-01-05T00:00:01.040Z',
    });
    expect(isOutstanding(next)).toBe(true);
  });

  it('gives up after maxAttempts and says why', () => {
    const failure = { ok: false as const, statusCode: null, error: 'timed out after 5000 ms' };
    const last = [1, 2, 3].reduce((d) => recordAttempt(d, failure, timing), fresh);
    expect(last).toMatchObject({
      status: 'failed',
      attempts: 3,
      nextAttemptAt: null,
      lastError: 'timed out after 5000 ms; gave up after 3 attempts',
    });
  });

  it('never retries a 410 Gone', () => {
    const next = recordAttempt(
      fresh,
      { ok: false, statusCode: 410, error: 'receiver answered 410' },
      timing,
    );
    expect(next).toMatchObject({ status: 'failed', attempts: 1, nextAttemptAt: null });
  });
});

describe('abandonDelivery', () => {
  it('fails an outstanding delivery with the reason', () => {
    expect(abandonDelivery(fresh, 'subscription deactivated')).toMatchObject({
      status: 'failed',
      lastError: 'subscription deactivated',
      nextAttemptAt: null,
    });
  });
});
