/** A wall clock that only moves when told, starting at 2026-01-05T00:00:00Z. */
export const manualClock = (start = Date.UTC(2026, 0, 5)) => {
  let ms = start;
  return {
    now: () => ms,
    seconds: () => Math.floor(ms / 1000),
    advance: (by: number) => {
      ms += by;
    },
  };
};
