import type { LearningCurvePoint } from '@watchfloor/domain';

/** One bucket of 50 incidents: first-action success with learning on and/or off. */
export interface CurveRow {
  from: number;
  to: number;
  label: string;
  on: number | null;
  off: number | null;
  incidentsOn: number;
  incidentsOff: number;
}

/**
 * The learning curve as chart rows, one per incident bucket, with the learning-on and
 * learning-off runs side by side (a server runs one mode; a comparison may carry both).
 */
export function curveRows(curve: readonly LearningCurvePoint[]): CurveRow[] {
  const rows = new Map<number, CurveRow>();
  for (const p of curve) {
    const row = rows.get(p.from) ?? {
      from: p.from,
      to: p.to,
      label: `${p.from + 1}–${p.to + 1}`,
      on: null,
      off: null,
      incidentsOn: 0,
      incidentsOff: 0,
    };
    if (p.learning) {
      row.on = p.firstActionSuccessRate;
      row.incidentsOn = p.incidents;
    } else {
      row.off = p.firstActionSuccessRate;
      row.incidentsOff = p.incidents;
    }
    rows.set(p.from, row);
  }
  return [...rows.values()].sort((a, b) => a.from - b.from);
}

/** Whether a series has any value to draw. */
export const hasSeries = (rows: readonly CurveRow[], key: 'on' | 'off'): boolean =>
  rows.some((r) => r[key] !== null);
