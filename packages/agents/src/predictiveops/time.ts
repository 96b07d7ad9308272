/** Milliseconds since the epoch of an ISO time, NaN when it does not parse. */
export const toMs = (iso: string): number => Date.parse(iso);

const isoMemo = new Map<number, string>();
const ISO_MEMO_SIZE = 8192;

/**
 * ISO time of `ms`. Memoised: every series' buckets and forecast points fall on the same
 * few hundred 5-minute marks, and formatting dates dominates building a forecast otherwise.
 */
export const toIso = (ms: number): string => {
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
