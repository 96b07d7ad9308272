import type { ApiErrorBody } from '@watchfloor/domain';
import { EngineError } from '@watchfloor/engine';
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';

/** The one error type routes throw; `renderError` turns it into the standard body. */
export class ApiError extends HTTPException {
  constructor(
    status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(status, { message });
  }
}

/** `labels.alertname`, `[2].labels.service`: the way operators read a field path. */
export const fieldPath = (path: readonly PropertyKey[]): string =>
  path
    .map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i > 0 ? '.' : ''}${String(p)}`))
    .join('');

/** Any zod failure (classic or core): its issues' paths and messages. */
export interface ZodFailure {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}

export function validationError(error: ZodFailure, where: string): ApiError {
  const issues = error.issues.map((issue) => ({
    field: fieldPath(issue.path) || where,
    message: issue.message,
  }));
  const first = issues[0];
  const message = first ? `${first.field}: ${first.message}` : `invalid ${where}`;
  return new ApiError(400, 'validation_failed', message, { in: where, issues });
}

const engineStatus: Record<EngineError['code'], ContentfulStatusCode> = {
  not_found: 404,
  conflict: 409,
  invalid: 400,
  kill_switch_engaged: 409,
  store_unavailable: 503,
};

const httpCodes: Partial<Record<number, string>> = {
  400: 'bad_request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  413: 'payload_too_large',
  429: 'rate_limited',
};

/** Store connection failures: the request was fine, the knowledge base is not answering. */
const isStoreUnavailable = (error: Error): boolean =>
  /ECONNREFUSED|ECONNRESET|ETIMEDOUT|socket hang up|TimeoutError|NetworkingError/i.test(
    `${error.name} ${error.message} ${String((error as { code?: unknown }).code ?? '')}`,
  );

export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof EngineError) {
    return new ApiError(
      engineStatus[error.code],
      error.code,
      error.message,
      error.field ? { field: error.field } : undefined,
    );
  }
  if (error instanceof HTTPException) {
    const status = error.status as ContentfulStatusCode;
    return new ApiError(
      status,
      httpCodes[status] ?? 'http_error',
      error.message || 'Request failed',
    );
  }
  if (error instanceof Error && error.name === 'InvalidCursorError') {
    return new ApiError(400, 'invalid_cursor', 'cursor: not a cursor this server issued', {
      field: 'cursor',
    });
  }
  if (error instanceof Error && isStoreUnavailable(error)) {
    return new ApiError(
      503,
      'store_unavailable',
      'The knowledge base is not reachable; retry shortly',
    );
  }
  return new ApiError(500, 'internal', 'Internal error; see the server log for the request id');
}

export function renderError(error: unknown, c: Context): Response {
  const apiError = toApiError(error);
  if (apiError.status >= 500) {
    c.var.logger?.error({ err: error, reqId: c.var.requestId }, 'request failed');
  }
  const body: ApiErrorBody = { error: { code: apiError.code, message: apiError.message } };
  if (apiError.details !== undefined) body.error.details = apiError.details;
  return c.json(body, apiError.status as ContentfulStatusCode);
}
