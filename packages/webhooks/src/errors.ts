export type WebhookErrorCode =
  | 'invalid_input'
  | 'invalid_destination'
  | 'not_found'
  | 'conflict'
  | 'inactive';

/** A refused webhook operation; `code` maps onto the API's error body (400/404/409). */
export class WebhookError extends Error {
  readonly code: WebhookErrorCode;

  constructor(code: WebhookErrorCode, message: string) {
    super(message);
    this.name = 'WebhookError';
    this.code = code;
  }
}
