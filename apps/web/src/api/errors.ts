/** A failed API call: the server's `{ error: { code, message } }`, or status 0 when unreachable. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiRequestError';
  }

  get unreachable(): boolean {
    return this.status === 0 || this.status === 502 || this.status === 504;
  }
}

/** The message to show an operator for any thrown value. */
export const errorMessage = (error: unknown): string =>
  error instanceof Error ? error.message : String(error);

export const isUnreachable = (error: unknown): boolean =>
  error instanceof ApiRequestError && error.unreachable;
