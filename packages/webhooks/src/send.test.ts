import { afterEach, describe, expect, it } from 'vitest';
import { type AttemptRequest, sendAttempt } from './send.ts';
import { verifySignature } from './signature.ts';
import { type Receiver, startReceiver } from './testing/receiver.ts';

const secret = 'whsec_send_test';
const body =
  '{"id":"EVT-000001","type":"webhook.test","createdAt":"2026-01-05T00:00:00.000Z","data":{}}';
const nowSeconds = Math.floor(Date.now() / 1000);

const requestTo = (url: string): AttemptRequest => ({
  url,
  secret,
  body,
  event: 'webhook.test',
  deliveryId: 'DLV-000001',
  timestampSeconds: nowSeconds,
});

const options = { fetch, timeoutMs: 2000, allowPrivate: true };

let receiver: Receiver | undefined;
afterEach(async () => {
  await receiver?.close();
  receiver = undefined;
});

describe('sendAttempt', () => {
  it('posts the body with event, delivery, user agent and a signature the receiver verifies', async () => {
    receiver = await startReceiver();
    const result = await sendAttempt(requestTo(receiver.url), options);
    expect(result).toEqual({ ok: true, statusCode: 200 });

    const [received] = receiver.requests;
    expect(received?.method).toBe('POST');
    expect(received?.path).toBe('/hooks/watchfloor');
    expect(received?.body).toBe(body);
    expect(received?.headers['content-type']).toBe('application/json');
    expect(received?.headers['user-agent']).toBe('Watchfloor-Webhooks/1');
    expect(received?.headers['x-watchfloor-event']).toBe('webhook.test');
    expect(received?.headers['x-watchfloor-delivery']).toBe('DLV-000001');
    const header = received?.headers['x-watchfloor-signature'];
    expect(header).toMatch(/^t=\d+,v1=[0-9a-f]{64}$/);
    expect(
      verifySignature({ secret, header: String(header), body: received?.body ?? '', nowSeconds }),
    ).toEqual({ ok: true });
  });

  it('reports a non-2xx answer with its status', async () => {
    receiver = await startReceiver(() => ({ status: 503 }));
    expect(await sendAttempt(requestTo(receiver.url), options)).toEqual({
      ok: false,
      statusCode: 503,
      error: 'receiver answered 503',
    });
  });

  it('does not follow a redirect towards the metadata endpoint', async () => {
    receiver = await startReceiver(() => ({
      status: 302,
      headers: { location: 'http://169.254.169.254/latest/meta-data' },
    }));
    const result = await sendAttempt(requestTo(receiver.url), options);
    expect(result).toEqual({
      ok: false,
      statusCode: 302,
      error:
        'receiver answered 302 redirecting to http://169.254.169.254/latest/meta-data; redirects are not followed',
    });
    expect(receiver.requests).toHaveLength(1);
  });

  it('gives up on a receiver that never answers once the timeout passes', async () => {
    receiver = await startReceiver(() => 'hang');
    const started = performance.now();
    const result = await sendAttempt(requestTo(receiver.url), { ...options, timeoutMs: 150 });
    expect(result).toEqual({ ok: false, statusCode: null, error: 'timed out after 150 ms' });
    expect(performance.now() - started).toBeLessThan(1500);
  });

  it('reports a refused connection as a network error', async () => {
    receiver = await startReceiver();
    const url = receiver.url;
    await receiver.close();
    receiver = undefined;
    expect(await sendAttempt(requestTo(url), options)).toEqual({
      ok: false,
      statusCode: null,
      error: 'network error: ECONNREFUSED',
    });
  });

  it('never connects to a destination the guard refuses', async () => {
    receiver = await startReceiver();
    const result = await sendAttempt(requestTo(receiver.url), { ...options, allowPrivate: false });
    expect(result).toMatchObject({
      ok: false,
      statusCode: null,
      error: expect.stringContaining('destination refused: 127.0.0.1 is a loopback address'),
    });
    expect(receiver.requests).toHaveLength(0);
  });
});
