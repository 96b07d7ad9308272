import type { TimelineEntry } from '@watchfloor/domain';

/**
 * Alerts firing (and resolving) listed one by one in an incident's timeline, each kind apart;
 * later ones are counted in one running entry naming the latest. A storm's incident then stays
 * a readable page and a small record, rewritten on every alert, however many alerts it takes
 * (its alert ids still list them all).
 */
export const LISTED_ALERT_EVENTS = 20;

const RUNNING = /^\+(\d+) more; latest /;

type AlertEvent = TimelineEntry & { kind: 'alert' | 'alert_resolved' };

/** The timeline with one more alert event, listed or counted. */
export function withAlertEvent(
  timeline: readonly TimelineEntry[],
  event: AlertEvent,
): TimelineEntry[] {
  let listed = 0;
  let running = -1;
  timeline.forEach((t, i) => {
    if (t.kind !== event.kind) return;
    if (RUNNING.test(t.message)) running = i;
    else listed++;
  });
  if (running < 0 && listed < LISTED_ALERT_EVENTS) return [...timeline, event];
  const counted = Number(RUNNING.exec(timeline[running]?.message ?? '')?.[1] ?? 0);
  const next = { ...event, message: `+${counted + 1} more; latest ${event.message}` };
  return [...timeline.filter((_, i) => i !== running), next];
}
