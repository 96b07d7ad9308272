import { z } from 'zod';
import { IsoTime } from './common.ts';

export const LogLevel = z.enum(['debug', 'info', 'warn', 'error']);
export type LogLevel = z.infer<typeof LogLevel>;

export const LogEntry = z.object({
  id: z.string(),
  at: IsoTime,
  level: LogLevel,
  /** Who wrote it: a service id for simulated logs, or `engine`, `api`, an agent id. */
  source: z.string(),
  message: z.string(),
  service: z.string().optional(),
  host: z.string().optional(),
});
export type LogEntry = z.infer<typeof LogEntry>;
