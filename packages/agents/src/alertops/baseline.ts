import type { Alert } from '@watchfloor/domain';

export const BASELINE_WINDOW_MS = 5 * 60_000;

/**
 * Alertmanager-style grouping for comparison: alerts with the same alertname and service
 * share a group while each arrives within `windowMs` of the group's previous alert.
 * @example baselineGroups(alerts) // [['ALT-1', 'ALT-3'], ['ALT-2']]
 */
export function baselineGroups(
  alerts: readonly Alert[],
  windowMs = BASELINE_WINDOW_MS,
): string[][] {
  const ordered = [...alerts].sort(
    (a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt) || (a.id < b.id ? -1 : 1),
  );
  const groups: string[][] = [];
  const open = new Map<string, { ids: string[]; last: number }>();
  for (const alert of ordered) {
    const key = `${alert.labels.alertname ?? ''}|${alert.labels.service ?? ''}`;
    const at = Date.parse(alert.startsAt);
    const group = open.get(key);
    if (group && at - group.last <= windowMs) {
      group.ids.push(alert.id);
      group.last = at;
      continue;
    }
    const fresh = { ids: [alert.id], last: at };
    groups.push(fresh.ids);
    open.set(key, fresh);
  }
  return groups;
}
