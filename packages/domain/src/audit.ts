import { z } from 'zod';
import { IsoTime } from './common.ts';

export const AuditEvent = z.object({
  id: z.string(),
  at: IsoTime,
  /** `operator`, `viewer`, `engine`, an agent id. Never a token. */
  actor: z.string(),
  action: z.string(),
  target: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
  requestId: z.string().nullable(),
  result: z.enum(['ok', 'blocked', 'error']),
});
export type AuditEvent = z.infer<typeof AuditEvent>;
