import { ApiErrorBody } from '@watchfloor/domain';
import type { z } from 'zod';
import { authStatus } from './auth-status.ts';
import { ApiRequestError } from './errors.ts';
import { getToken } from './token.ts';

const headersFor = (init: RequestInit | undefined, hasBody: boolean): Headers => {
  const headers = new Headers(init?.headers);
  const token = getToken();
  if (token) headers.set('authorization', `Bearer ${token}`);
  if (hasBody) headers.set('content-type', 'application/json');
  return headers;
};

async function failure(res: Response): Promise<ApiRequestError> {
  const body: unknown = await res.json().catch(() => null);
  const parsed = ApiErrorBody.safeParse(body);
  if (parsed.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiRequestError(res.status, code, message, details);
  }
  return new ApiRequestError(res.status, 'http_error', `${res.status} ${res.statusText}`.trim());
}

/** A request that hangs counts as the API being unreachable after this long. */
export const REQUEST_TIMEOUT_MS = 10_000;

export type RequestOptions = RequestInit & {
  json?: unknown;
  timeoutMs?: number;
  /** Whether the answer's status tells us about the token (not for the open session probe). */
  observeAuth?: boolean;
};

/** Raw request with the token; throws ApiRequestError (status 0 when the API is unreachable). */
export async function request(path: string, init?: RequestOptions): Promise<Response> {
  const hasBody = init?.json !== undefined;
  const sentToken = getToken() !== null;
  const timeout = AbortSignal.timeout(init?.timeoutMs ?? REQUEST_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
      headers: headersFor(init, hasBody),
      body: hasBody ? JSON.stringify(init?.json) : init?.body,
    });
  } catch (error) {
    // A cancelled query (navigation, newer poll) is not an outage.
    if (init?.signal?.aborted) throw error;
    const message = timeout.aborted
      ? `The Watchfloor API did not answer within ${Math.round((init?.timeoutMs ?? REQUEST_TIMEOUT_MS) / 1000)} s`
      : 'The Watchfloor API is not reachable';
    throw new ApiRequestError(0, 'unreachable', message);
  }
  if (sentToken && init?.observeAuth !== false) authStatus.observe(res.status);
  if (!res.ok) throw await failure(res);
  return res;
}

/** A JSON call whose answer is checked against the API's zod schema. */
export async function api<S extends z.ZodType>(
  schema: S,
  path: string,
  init?: RequestOptions,
): Promise<z.infer<S>> {
  const res = await request(path, init);
  const parsed = schema.safeParse(await res.json());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? `${issue.path.join('.')}: ${issue.message}` : 'unexpected shape';
    throw new ApiRequestError(
      res.status,
      'bad_response',
      `Unexpected answer from ${path} (${where})`,
    );
  }
  return parsed.data;
}

export const post = <S extends z.ZodType>(schema: S, path: string, json?: unknown) =>
  api(schema, path, { method: 'POST', json: json ?? {} });
