import { describe, expect, it } from 'vitest';
import { appendSample, type CounterSample, toRates } from './rates.ts';

const s = (minute: number, alerts: number, incidents: number): CounterSample => ({
  at: minute * 60_000,
  alerts,
  incidents,
});

describe('rates', () => {
  it('derives per-minute rates from successive counters', () => {
    expect(toRates([s(0, 0, 0), s(2, 10, 4), s(3, 13, 4)])).toEqual([
      { at: 120_000, alertsPerMin: 5, incidentsPerMin: 2 },
      { at: 180_000, alertsPerMin: 3, incidentsPerMin: 0 },
    ]);
  });

  it('keeps a bounded window and ignores samples that did not advance', () => {
    let w: CounterSample[] = [];
    for (let m = 0; m < 10; m++) w = appendSample(w, s(m, m, m), 4);
    w = appendSample(w, s(9, 99, 99), 4);
    expect(w.map((x) => x.at / 60_000)).toEqual([6, 7, 8, 9]);
  });

  it('starts over when counters go backwards', () => {
    expect(appendSample([s(0, 10, 5)], s(1, 2, 1), 4)).toEqual([s(1, 2, 1)]);
  });
});
