import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { signPayload, verifySignature } from './signature.ts';

const secret = 'whsec_test_secret';
const body = '{"id":"EVT-000001","type":"webhook.test","createdAt":"2026-01-05T00:00:00.000Z"}';
const t = 1_767_571_200;

describe('signPayload', () => {
  it('signs the timestamp, a dot and the raw body with HMAC-SHA256 in the Stripe header shape', () => {
    const expected = createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');
    expect(signPayload(secret, body, t)).toBe(`t=${t},v1=${expected}`);
  });

  it('gives the same signature for a string body and its UTF-8 bytes', () => {
    const text = '{"message":"café ☕"}';
    expect(signPayload(secret, Buffer.from(text, 'utf8'), t)).toBe(signPayload(secret, text, t));
  });
});

describe('verifySignature', () => {
  const header = signPayload(secret, body, t);

  it('accepts a fresh, untouched delivery', () => {
    expect(verifySignature({ secret, header, body, nowSeconds: t + 10 })).toEqual({ ok: true });
  });

  it('rejects a tampered body', () => {
    const result = verifySignature({ secret, header, body: `${body} `, nowSeconds: t });
    expect(result).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('rejects the wrong secret', () => {
    const result = verifySignature({ secret: 'whsec_other', header, body, nowSeconds: t });
    expect(result.ok).toBe(false);
  });

  it('rejects a replay older than the tolerance, and a timestamp too far ahead', () => {
    const old = verifySignature({ secret, header, body, nowSeconds: t + 301 });
    expect(old).toEqual({ ok: false, reason: 'timestamp outside tolerance (possible replay)' });
    expect(verifySignature({ secret, header, body, nowSeconds: t - 301 }).ok).toBe(false);
    expect(verifySignature({ secret, header, body, nowSeconds: t + 300 }).ok).toBe(true);
  });

  it('rejects a timestamp changed to dodge the tolerance, since t is signed too', () => {
    const moved = header.replace(`t=${t}`, `t=${t + 1000}`);
    const result = verifySignature({ secret, header: moved, body, nowSeconds: t + 1000 });
    expect(result).toEqual({ ok: false, reason: 'signature does not match' });
  });

  it('honours a custom tolerance', () => {
    const result = verifySignature({
      secret,
      header,
      body,
      nowSeconds: t + 61,
      toleranceSeconds: 60,
    });
    expect(result.ok).toBe(false);
  });

  it('accepts any one of several v1 entries, so a rotated secret keeps verifying', () => {
    const oldSig = signPayload('whsec_old', body, t).split(',')[1];
    const rotated = `${header},${oldSig}`;
    expect(verifySignature({ secret: 'whsec_old', header: rotated, body, nowSeconds: t }).ok).toBe(
      true,
    );
    expect(verifySignature({ secret, header: rotated, body, nowSeconds: t }).ok).toBe(true);
  });

  it('accepts a list of secrets on the receiver side while it rotates', () => {
    const result = verifySignature({ secret: ['whsec_new', secret], header, body, nowSeconds: t });
    expect(result.ok).toBe(true);
  });

  it('ignores unknown schemes and explains missing or malformed headers', () => {
    expect(verifySignature({ secret, header: `${header},v0=abc`, body, nowSeconds: t }).ok).toBe(
      true,
    );
    expect(verifySignature({ secret, header: undefined, body, nowSeconds: t })).toEqual({
      ok: false,
      reason: 'missing signature header',
    });
    expect(verifySignature({ secret, header: 'garbage', body, nowSeconds: t })).toEqual({
      ok: false,
      reason: 'malformed signature header',
    });
    expect(verifySignature({ secret, header: `t=${t}`, body, nowSeconds: t })).toEqual({
      ok: false,
      reason: 'no v1 signature in header',
    });
    expect(verifySignature({ secret, header: 't=soon,v1=00', body, nowSeconds: t }).ok).toBe(false);
  });

  it('round-trips any body, secret and time, and any one-byte change breaks it', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1 }),
        fc.uint8Array({ minLength: 1, maxLength: 512 }),
        fc.integer({ min: 0, max: 4_000_000_000 }),
        fc.nat(),
        (key, bytes, ts, flipAt) => {
          const signed = signPayload(key, bytes, ts);
          expect(
            verifySignature({ secret: key, header: signed, body: bytes, nowSeconds: ts }).ok,
          ).toBe(true);
          const changed = Uint8Array.from(bytes);
          const i = flipAt % changed.length;
          changed[i] = (changed[i] ?? 0) ^ 0xff;
          expect(
            verifySignature({ secret: key, header: signed, body: changed, nowSeconds: ts }).ok,
          ).toBe(false);
        },
      ),
    );
  });
});
