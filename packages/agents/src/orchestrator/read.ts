/** Defensive readers for values from the knowledge store, which may predate a change. */
export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** A non-negative finite number, else `fallback`. */
export const readCount = (value: unknown, fallback = 0): number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : fallback;

export const readString = (value: unknown): string | null =>
  typeof value === 'string' ? value : null;

/** Success/failure tallies, as kept per action, per agent and per curve bucket. */
export interface Tally {
  s: number;
  f: number;
}

export const readTally = (value: unknown): Tally =>
  isRecord(value) ? { s: readCount(value.s), f: readCount(value.f) } : { s: 0, f: 0 };

export const readTallies = (value: unknown): Record<string, Tally> => {
  const out: Record<string, Tally> = {};
  if (isRecord(value)) for (const [k, v] of Object.entries(value)) out[k] = readTally(v);
  return out;
};

export const addTo = (tally: Tally, success: boolean): Tally =>
  success ? { s: tally.s + 1, f: tally.f } : { s: tally.s, f: tally.f + 1 };

/** Turns one recorded success into a failure (a recurrence showed it did not hold). */
export const reviseToFailure = (tally: Tally): Tally =>
  tally.s > 0 ? { s: tally.s - 1, f: tally.f + 1 } : tally;

export const rateOf = (tally: Tally): number | null => {
  const n = tally.s + tally.f;
  return n === 0 ? null : tally.s / n;
};
