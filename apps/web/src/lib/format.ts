/** Shown wherever a number is not known yet (e.g. MTTR before the first resolution). */
export const DASH = '—';

/** "just now", "12 s ago", "3 min ago", "2 h ago" from two epoch-millisecond times. */
export function formatAgo(now: number, then: number): string {
  const seconds = Math.max(0, Math.floor((now - then) / 1000));
  if (seconds < 2) return 'just now';
  if (seconds < 90) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 90) return `${minutes} min ago`;
  return `${Math.floor(minutes / 60)} h ago`;
}

export const formatCount = (n: number | null | undefined): string =>
  n === null || n === undefined ? DASH : n.toLocaleString('en-US');

/** A 0..1 fraction as a percentage: 0.8234 -> "82.3 %". */
export const formatPercent = (fraction: number | null | undefined, digits = 1): string =>
  fraction === null || fraction === undefined ? DASH : `${(fraction * 100).toFixed(digits)} %`;

/** Virtual minutes as "42 s", "7.5 min", "3 h 20 min". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return DASH;
  if (minutes < 1) return `${Math.round(minutes * 60)} s`;
  if (minutes < 60) return `${minutes.toFixed(minutes < 10 ? 1 : 0)} min`;
  const h = Math.floor(minutes / 60);
  const m = Math.round(minutes % 60);
  return m ? `${h} h ${m} min` : `${h} h`;
}

/** An ISO time as `2026-01-05 09:00:10` (UTC, as the server records it). */
export const formatTime = (iso: string | null | undefined): string =>
  iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '') : DASH;

/** Only the clock part: `09:00:10`. */
export const formatClock = (iso: string | null | undefined): string =>
  iso ? (formatTime(iso).split(' ')[1] ?? DASH) : DASH;
