import { createHmac, timingSafeEqual } from 'node:crypto';

/** Header carrying `t=<unix seconds>,v1=<hex HMAC-SHA256>`. */
export const SIGNATURE_HEADER = 'X-Watchfloor-Signature';
export const EVENT_HEADER = 'X-Watchfloor-Event';
export const DELIVERY_HEADER = 'X-Watchfloor-Delivery';
export const USER_AGENT = 'Watchfloor-Webhooks/1';

/** Five minutes, as Stripe does: long enough for clock skew, short enough to stop replays. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

type RawBody = string | Uint8Array;

const hmacHex = (secret: string, timestampSeconds: number, body: RawBody): string =>
  createHmac('sha256', secret).update(`${timestampSeconds}.`).update(body).digest('hex');

/**
 * The `X-Watchfloor-Signature` value for a body sent at `timestampSeconds`.
 *
 * @example signPayload('whsec_…', '{"id":"EVT-000001"}', 1767571200)
 * // 't=1767571200,v1=5f0c…'
 */
export const signPayload = (secret: string, body: RawBody, timestampSeconds: number): string =>
  `t=${timestampSeconds},v1=${hmacHex(secret, timestampSeconds, body)}`;

export type VerifyResult = { ok: true } | { ok: false; reason: string };

export interface VerifyOptions {
  /** One secret, or several while rotating (any one matching is enough). */
  secret: string | readonly string[];
  /** The `X-Watchfloor-Signature` header as received. */
  header: string | null | undefined;
  /** The raw request body, byte for byte; re-serialised JSON will not match. */
  body: RawBody;
  toleranceSeconds?: number;
  nowSeconds?: number;
}

interface ParsedHeader {
  timestamp: number;
  signatures: string[];
}

const parseHeader = (header: string): ParsedHeader | null => {
  let timestamp: number | null = null;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) return null;
    const key = part.slice(0, eq).trim();
    const value = part.slice(eq + 1).trim();
    if (key === 't') {
      if (!/^\d{1,12}$/.test(value)) return null;
      timestamp = Number(value);
    } else if (key === 'v1' && /^[0-9a-f]{64}$/i.test(value)) {
      signatures.push(value.toLowerCase());
    }
    // Other schemes (a future v2) are ignored so receivers keep working through an upgrade.
  }
  return timestamp === null ? null : { timestamp, signatures };
};

const sameHex = (a: string, b: string): boolean =>
  a.length === b.length && timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));

/**
 * Checks a delivery the way a receiver should: the HMAC of `${t}.${rawBody}` must match one
 * `v1` entry (several are allowed, for secret rotation) and `t` must be within
 * `toleranceSeconds` of now, which makes a captured request useless for replay later.
 *
 * @example
 * const result = verifySignature({ secret, header: req.headers['x-watchfloor-signature'], body: raw });
 * if (!result.ok) return res.writeHead(400).end(result.reason);
 */
export const verifySignature = ({
  secret,
  header,
  body,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  nowSeconds = Math.floor(Date.now() / 1000),
}: VerifyOptions): VerifyResult => {
  if (!header) return { ok: false, reason: 'missing signature header' };
  const parsed = parseHeader(header);
  if (!parsed) return { ok: false, reason: 'malformed signature header' };
  if (parsed.signatures.length === 0) return { ok: false, reason: 'no v1 signature in header' };
  if (Math.abs(nowSeconds - parsed.timestamp) > toleranceSeconds) {
    return { ok: false, reason: 'timestamp outside tolerance (possible replay)' };
  }
  const secrets = typeof secret === 'string' ? [secret] : secret;
  for (const candidate of secrets) {
    const expected = hmacHex(candidate, parsed.timestamp, body);
    if (parsed.signatures.some((signature) => sameHex(signature, expected))) return { ok: true };
  }
  return { ok: false, reason: 'signature does not match' };
};
