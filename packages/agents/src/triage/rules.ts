import type { EventCategory } from '@watchfloor/domain';

export interface TriageRule {
  category: Exclude<EventCategory, 'ignorable'>;
  /** Matched against the event's type and message, case-insensitive. */
  pattern: RegExp;
  reason: string;
  /** Makes the event `high` severity on its own. */
  grave?: boolean;
  runbookAction?: string;
}

/** Ordered by weight: security first, then system errors, then validation problems. */
export const RULES: readonly TriageRule[] = [
  {
    category: 'security_issue',
    pattern: /sql injection|xss|csrf|malware|exfiltrat|privilege escalation/,
    reason: 'attack signature',
    grave: true,
  },
  {
    category: 'security_issue',
    pattern: /brute.?force|too many (failed )?login|credential stuffing/,
    reason: 'repeated authentication failures',
    grave: true,
  },
  {
    category: 'security_issue',
    pattern:
      /unauthori[sz]ed|forbidden|invalid token|expired token|permission denied|access denied|failed login/,
    reason: 'authentication or authorisation failure',
  },
  {
    category: 'system_error',
    pattern: /out of memory|oom|heap exhausted|memory pressure/,
    reason: 'memory exhaustion',
    grave: true,
    runbookAction: 'restart_service',
  },
  {
    category: 'system_error',
    pattern: /disk (is )?full|no space left|disk .*9\d%/,
    reason: 'disk exhaustion',
    grave: true,
    runbookAction: 'free_disk',
  },
  {
    category: 'system_error',
    pattern: /connection (pool )?(exhausted|saturated)|too many connections/,
    reason: 'connection saturation',
    grave: true,
    runbookAction: 'scale_out',
  },
  {
    category: 'system_error',
    pattern: /crash|panic|segfault|fatal|data loss|unavailable|down\b/,
    reason: 'service failure',
    grave: true,
    runbookAction: 'restart_service',
  },
  {
    category: 'system_error',
    pattern: /timeout|timed out|connection refused|econnreset|503|502|upstream/,
    reason: 'dependency failure',
    runbookAction: 'restart_service',
  },
  { category: 'system_error', pattern: /exception|error|failed|failure/, reason: 'error reported' },
  {
    category: 'validation_error',
    pattern:
      /validation|invalid|malformed|missing (required )?field|required field|schema|bad request|unprocessable/,
    reason: 'input failed validation',
  },
];

export const IGNORABLE = /heartbeat|health ?check (ok|passed)|\bdebug\b|keep-?alive|ping/;
