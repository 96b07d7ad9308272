/** Milliseconds since the epoch of an ISO time, NaN when it does not parse. */
export const toMs = (iso: string): number => Date.parse(iso);

export const toIso = (ms: number): string => new Date(ms).toISOString();

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
