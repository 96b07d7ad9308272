import type { WebhookEvent } from '@watchfloor/domain';
import { checkDestination, type LookupAll } from './destination.ts';
import {
  DELIVERY_HEADER,
  EVENT_HEADER,
  SIGNATURE_HEADER,
  signPayload,
  USER_AGENT,
} from './signature.ts';

export type FetchLike = (url: string, init: RequestInit) => Promise<Response>;

export interface AttemptRequest {
  url: string;
  secret: string;
  body: string;
  event: WebhookEvent;
  deliveryId: string;
  timestampSeconds: number;
}

export interface AttemptOptions {
  fetch: FetchLike;
  timeoutMs: number;
  allowPrivate: boolean;
  lookup?: LookupAll | undefined;
}

export type AttemptResult =
  | { ok: true; statusCode: number }
  | { ok: false; statusCode: number | null; error: string };

/** The headers of one attempt; the signature is fresh each time so retries stay in tolerance. */
export const deliveryHeaders = (request: AttemptRequest): Record<string, string> => ({
  'Content-Type': 'application/json',
  'User-Agent': USER_AGENT,
  [EVENT_HEADER]: request.event,
  [DELIVERY_HEADER]: request.deliveryId,
  [SIGNATURE_HEADER]: signPayload(request.secret, request.body, request.timestampSeconds),
});

const describeNetworkError = (error: unknown): string => {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = (cause as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return `network error: ${code}`;
  if (cause instanceof Error) return `network error: ${cause.message}`;
  return `network error: ${error instanceof Error ? error.message : String(error)}`;
};

/**
 * One POST of a delivery. Checks the destination again first (DNS may have been rebound
 * since subscribing), never follows redirects (a 302 to an internal address is the classic
 * SSRF bypass), and gives the whole attempt, DNS included, `timeoutMs`.
 */
export const sendAttempt = async (
  request: AttemptRequest,
  options: AttemptOptions,
): Promise<AttemptResult> => {
  const signal = AbortSignal.timeout(options.timeoutMs);
  const destination = await checkDestination(request.url, {
    allowPrivate: options.allowPrivate,
    lookup: options.lookup,
    signal,
  });
  if (!destination.ok) {
    return { ok: false, statusCode: null, error: `destination refused: ${destination.reason}` };
  }

  let response: Response;
  try {
    response = await options.fetch(request.url, {
      method: 'POST',
      headers: deliveryHeaders(request),
      body: request.body,
      redirect: 'manual',
      signal,
    });
  } catch (error) {
    if (signal.aborted) {
      return { ok: false, statusCode: null, error: `timed out after ${options.timeoutMs} ms` };
    }
    return { ok: false, statusCode: null, error: describeNetworkError(error) };
  }
  // Only the status matters; don't let a receiver stream an endless body at us.
  await response.body?.cancel().catch(() => {});

  const statusCode = response.status;
  if (statusCode >= 200 && statusCode < 300) return { ok: true, statusCode };
  if (statusCode >= 300 && statusCode < 400) {
    const location = response.headers.get('location') ?? 'nowhere';
    return {
      ok: false,
      statusCode,
      error: `receiver answered ${statusCode} redirecting to ${location}; redirects are not followed`,
    };
  }
  return { ok: false, statusCode, error: `receiver answered ${statusCode}` };
};
