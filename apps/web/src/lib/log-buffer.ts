/** Lines the log viewer keeps in memory at most. */
export const MAX_LOG_LINES = 2000;

interface Line {
  id: string;
  at: string;
}

/**
 * Merges freshly polled lines into the buffer by id (polls overlap on `since`), newest
 * first by time then id, and keeps at most `max` lines.
 */
export function mergeLines<T extends Line>(
  buffer: readonly T[],
  incoming: readonly T[],
  max = MAX_LOG_LINES,
): T[] {
  const byId = new Map<string, T>();
  for (const line of buffer) byId.set(line.id, line);
  for (const line of incoming) byId.set(line.id, line);
  const merged = [...byId.values()].sort((a, b) =>
    a.at === b.at ? compareIds(b.id, a.id) : a.at < b.at ? 1 : -1,
  );
  return merged.length > max ? merged.slice(0, max) : merged;
}

/** `LOG-000010` after `LOG-000009`, also past the zero padding. */
const compareIds = (a: string, b: string): number =>
  a.length === b.length ? (a < b ? -1 : a > b ? 1 : 0) : a.length - b.length;
