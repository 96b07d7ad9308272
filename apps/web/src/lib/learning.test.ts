import { describe, expect, it } from 'vitest';
import { curveRows, hasSeries } from './learning.ts';

describe('curveRows', () => {
  it('pairs learning-on and learning-off buckets by incident range, in order', () => {
    const rows = curveRows([
      { learning: true, from: 50, to: 99, incidents: 50, firstActionSuccessRate: 0.9 },
      { learning: true, from: 0, to: 49, incidents: 50, firstActionSuccessRate: 0.7 },
      { learning: false, from: 0, to: 49, incidents: 50, firstActionSuccessRate: 0.6 },
    ]);
    expect(rows).toEqual([
      { from: 0, to: 49, label: '1–50', on: 0.7, off: 0.6, incidentsOn: 50, incidentsOff: 50 },
      { from: 50, to: 99, label: '51–100', on: 0.9, off: null, incidentsOn: 50, incidentsOff: 0 },
    ]);
    expect(hasSeries(rows, 'on')).toBe(true);
    expect(hasSeries(rows, 'off')).toBe(true);
  });

  it('is empty for an empty curve', () => {
    expect(curveRows([])).toEqual([]);
    expect(hasSeries([], 'off')).toBe(false);
  });
});
