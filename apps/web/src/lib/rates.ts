/** One /api/metrics poll: cumulative counters at a virtual time. */
export interface CounterSample {
  /** virtual time, epoch ms */
  at: number;
  alerts: number;
  incidents: number;
}

export interface RatePoint {
  /** virtual time, epoch ms, of the later sample */
  at: number;
  /** per virtual minute */
  alertsPerMin: number;
  incidentsPerMin: number;
}

/**
 * Adds a sample to a bounded window. A sample whose virtual time did not advance (paused
 * simulation, duplicate poll) replaces nothing; a counter that went down (store reset)
 * starts a new window.
 */
export function appendSample(
  window: readonly CounterSample[],
  sample: CounterSample,
  max: number,
): CounterSample[] {
  const last = window.at(-1);
  if (last && sample.at <= last.at) return [...window];
  if (last && (sample.alerts < last.alerts || sample.incidents < last.incidents)) return [sample];
  const next = [...window, sample];
  return next.length > max ? next.slice(next.length - max) : next;
}

/** Rates between successive samples, per virtual minute. */
export function toRates(window: readonly CounterSample[]): RatePoint[] {
  const points: RatePoint[] = [];
  for (let i = 1; i < window.length; i++) {
    const a = window[i - 1];
    const b = window[i];
    if (!a || !b) continue;
    const minutes = (b.at - a.at) / 60_000;
    if (minutes <= 0) continue;
    points.push({
      at: b.at,
      alertsPerMin: (b.alerts - a.alerts) / minutes,
      incidentsPerMin: (b.incidents - a.incidents) / minutes,
    });
  }
  return points;
}
