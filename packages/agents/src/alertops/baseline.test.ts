import { describe, expect, it } from 'vitest';
import { baselineGroups } from './baseline.ts';
import { alert } from './test-estate.ts';

describe('baselineGroups', () => {
  it('groups by alertname and service while alerts keep coming within 5 minutes', () => {
    const alerts = [
      alert({ id: 'a', alertname: 'HighCPU', service: 'orders', start: 0 }),
      alert({ id: 'b', alertname: 'HighCPU', service: 'orders', start: 240, host: 'orders-2' }),
      alert({ id: 'c', alertname: 'HighCPU', service: 'payments', start: 10 }),
      alert({ id: 'd', alertname: 'HighErrorRate', service: 'orders', start: 20 }),
      // Within 5 minutes of b, so it chains on although 9 minutes after a.
      alert({ id: 'e', alertname: 'HighCPU', service: 'orders', start: 540, host: 'orders-3' }),
      alert({ id: 'f', alertname: 'HighCPU', service: 'orders', start: 900, host: 'orders-4' }),
    ];
    expect(baselineGroups(alerts)).toEqual([['a', 'b', 'e'], ['c'], ['d'], ['f']]);
  });

  it('honours a custom window and sorts by start time first', () => {
    const alerts = [
      alert({ id: 'late', alertname: 'HighCPU', service: 'orders', start: 90 }),
      alert({ id: 'early', alertname: 'HighCPU', service: 'orders', start: 0 }),
    ];
    expect(baselineGroups(alerts, 60_000)).toEqual([['early'], ['late']]);
    expect(baselineGroups(alerts)).toEqual([['early', 'late']]);
  });
});
