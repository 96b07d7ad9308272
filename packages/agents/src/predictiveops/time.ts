/** Milliseconds since the epoch of an ISO time, NaN when it does not parse. */
export const toMs = (iso: string): number => Date.parse(iso);

const isoMemo = new Map<number, string>();
/** Marks worth remembering: bucket and forecast times fall on 5-minute marks. */
const MARK_MS = 300_000;
/** About 3.5 virtual days of marks: a day of buckets plus a day of forecast points fit twice over. */
const ISO_MEMO_SIZE = 1024;

/**
 * ISO time of `ms`. 5-minute marks are memoised: every series' buckets and forecast points
 * fall on the same few hundred of them, and formatting dates dominates building a forecast
 * otherwise. Other times (raw samples) are formatted each time, so the memo stays small.
 */
export const toIso = (ms: number): string => {
  if (ms % MARK_MS !== 0) return new Date(ms).toISOString();
  let iso = isoMemo.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString();
    if (isoMemo.size >= ISO_MEMO_SIZE) isoMemo.clear();
    isoMemo.set(ms, iso);
  }
  return iso;
};

/** Parses ISO times, remembering the last one: every service of a tick shares one `at`. */
export class TimeParser {
  #lastIso = '';
  #lastMs = Number.NaN;

  ms(iso: string): number {
    if (iso !== this.#lastIso) {
      this.#lastIso = iso;
      this.#lastMs = toMs(iso);
    }
    return this.#lastMs;
  }
}
