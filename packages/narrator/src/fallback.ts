import { ReplyError, type ReplyProblem } from './reply.ts';

export type FallbackCode =
  | 'circuit_open'
  | 'timeout'
  | 'aborted'
  | 'service_error'
  | 'network_error'
  | ReplyProblem;

/** Why the template answered instead of the model. */
export interface FallbackReason {
  code: FallbackCode;
  message: string;
  /** Requests sent to the model for this narration (0 when the breaker was open). */
  attempts: number;
}

interface ServiceErrorShape {
  name?: unknown;
  message?: unknown;
  $fault?: unknown;
  $metadata?: { httpStatusCode?: unknown };
}

const THROTTLING = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceUnavailableException',
]);

const shape = (error: unknown): ServiceErrorShape =>
  typeof error === 'object' && error !== null ? (error as ServiceErrorShape) : {};

const statusOf = (error: unknown): number | undefined => {
  const status = shape(error).$metadata?.httpStatusCode;
  return typeof status === 'number' ? status : undefined;
};

/** True for an answer from the service (it has a status), false for a transport failure. */
const fromService = (error: unknown): boolean => statusOf(error) !== undefined;

/** Throttling, server faults and transport failures are worth another try; 4xx and bad replies are not. */
export function isRetryable(error: unknown): boolean {
  if (error instanceof ReplyError) return false;
  const { name, $fault } = shape(error);
  if (name === 'AbortError' || name === 'TimeoutError') return false;
  if (!fromService(error)) return true;
  const status = statusOf(error);
  return (
    $fault === 'server' ||
    (typeof name === 'string' && THROTTLING.has(name)) ||
    status === 429 ||
    (status !== undefined && status >= 500)
  );
}

/** Names a failure for the fallback hook. */
export function describeFailure(error: unknown): Pick<FallbackReason, 'code' | 'message'> {
  if (error instanceof ReplyError) return { code: error.code, message: error.message };
  const { name, message } = shape(error);
  const text = typeof message === 'string' ? message : String(error);
  const label = typeof name === 'string' ? name : 'Error';
  if (!fromService(error)) return { code: 'network_error', message: `${label}: ${text}` };
  const status = statusOf(error);
  return { code: 'service_error', message: `${label} (HTTP ${status ?? '?'}): ${text}` };
}
