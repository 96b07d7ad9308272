const HOUR = 3600;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

/** Local hour of the traffic peak. */
const PEAK_HOUR = 15;

/** Share of weekday traffic on Saturdays and Sundays. */
export const WEEKEND_FACTOR = 0.7;

/** Traffic by local hour: 1.0 at the 15:00 peak, about a quarter of it at 03:00. */
export function dailyShape(localHour: number): number {
  return 0.62 + 0.38 * Math.cos((2 * Math.PI * (localHour - PEAK_HOUR)) / 24);
}

/** Growth since the run began: a few % a week at first, levelling off at +25% so that
 *  long runs stay below every alert threshold. */
export function growth(secondsSinceStart: number): number {
  const weeks = Math.max(0, secondsSinceStart) / WEEK;
  return 1 + 0.25 * (1 - Math.exp(-0.12 * weeks));
}

/**
 * Traffic relative to a weekday afternoon peak at the start of the run: daily and weekly
 * seasonality in the region's local time, times growth. Stays within about 0.17..1.25.
 * @example trafficLoad(Date.UTC(2026, 0, 5, 15) / 1000, 0, 0) // 1 (Monday 15:00, eu-west-1)
 */
export function trafficLoad(
  epochSeconds: number,
  utcOffsetHours: number,
  secondsSinceStart: number,
): number {
  const local = epochSeconds + utcOffsetHours * HOUR;
  const localHour = (((local % DAY) + DAY) % DAY) / HOUR;
  const dayOfWeek = (Math.floor(local / DAY) + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
  const weekly = dayOfWeek === 0 || dayOfWeek === 6 ? WEEKEND_FACTOR : 1;
  return dailyShape(localHour) * weekly * growth(secondsSinceStart);
}

/** Where a service is in its weekly storage cycle (0..1): data grows, then retention trims it. */
export function weekPhase(secondsSinceStart: number, offset: number): number {
  const x = secondsSinceStart / WEEK + offset;
  return x - Math.floor(x);
}
