import type { EventAnalysis, EventCategory, EventInput } from '@watchfloor/domain';
import { IGNORABLE, RULES } from './rules.ts';

const actionText: Record<EventCategory, string> = {
  security_issue:
    'Review the source, block or rotate the affected credentials, and escalate to security',
  system_error: 'Investigate the failing service and run the suggested runbook action if it fits',
  validation_error: 'Fix the caller: correct the payload against the schema and resend',
  ignorable: 'No action needed',
};

/**
 * Rules-first triage of an arbitrary event: category, severity, priority (1 most urgent),
 * recommended action and the reasons that decided it. Deterministic; no model involved.
 */
export function analyzeEvent(event: EventInput): EventAnalysis {
  const text = `${event.type ?? ''} ${event.message ?? ''}`.toLowerCase();
  const reasons: string[] = [];
  const status = event.status;
  const statusCategory: EventCategory | null =
    status === undefined
      ? null
      : status >= 500
        ? 'system_error'
        : status === 401 || status === 403
          ? 'security_issue'
          : status === 400 || status === 422
            ? 'validation_error'
            : null;
  if (statusCategory && status !== undefined) reasons.push(`HTTP status ${status}`);

  const matched = RULES.filter((rule) => rule.pattern.test(text));
  for (const rule of matched) reasons.push(rule.reason);
  const first = matched[0];
  let category: EventCategory = first?.category ?? statusCategory ?? 'ignorable';
  // A specific security or validation status beats a generic "error" word.
  if (first && statusCategory && first.reason === 'error reported') category = statusCategory;
  const level = (event.level ?? '').toLowerCase();
  if (
    category === 'ignorable' &&
    (level === 'error' || level === 'critical' || level === 'fatal')
  ) {
    category = 'system_error';
    reasons.push(`level ${level}`);
  }
  if (category === 'ignorable' && (IGNORABLE.test(text) || reasons.length === 0)) {
    reasons.push(IGNORABLE.test(text) ? 'routine signal' : 'no rule matched');
  }

  const grave =
    matched.some((r) => r.grave && r.category === category) ||
    level === 'critical' ||
    level === 'fatal';
  const repeated = (event.count ?? 1) >= 10;
  if (repeated) reasons.push(`${event.count} occurrences`);
  const severity: EventAnalysis['severity'] =
    category === 'ignorable'
      ? 'low'
      : grave || (repeated && category !== 'validation_error')
        ? 'high'
        : category === 'validation_error'
          ? 'low'
          : 'medium';
  const base = { security_issue: 1, system_error: 2, validation_error: 4, ignorable: 5 }[category];
  const priority = Math.min(
    5,
    Math.max(
      1,
      base +
        (severity === 'high' ? 0 : severity === 'medium' ? 1 : category === 'ignorable' ? 0 : 1),
    ),
  );
  const runbookAction =
    matched.find((r) => r.category === category && r.runbookAction)?.runbookAction ?? null;
  return {
    category,
    severity,
    priority,
    recommendedAction: runbookAction
      ? `${actionText[category]} (suggested: ${runbookAction})`
      : actionText[category],
    runbookAction,
    reasons,
  };
}

/** Which of the required dotted paths are missing (undefined, null or empty string). */
export function missingFields(
  payload: Record<string, unknown>,
  required: readonly string[],
): string[] {
  return required.filter((path) => {
    let value: unknown = payload;
    for (const key of path.split('.')) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, key)) return true;
      value = (value as Record<string, unknown>)[key];
    }
    return value === undefined || value === null || value === '';
  });
}
