import { describe, expect, it } from 'vitest';
import { DASH, formatAgo, formatMinutes, formatPercent, formatTime } from './format.ts';

describe('formatAgo', () => {
  it('says how long ago in the largest sensible unit', () => {
    expect(formatAgo(10_000, 9_500)).toBe('just now');
    expect(formatAgo(60_000, 48_000)).toBe('12 s ago');
    expect(formatAgo(600_000, 0)).toBe('10 min ago');
    expect(formatAgo(3 * 3_600_000, 0)).toBe('3 h ago');
  });

  it('never goes negative when clocks disagree', () => {
    expect(formatAgo(0, 5_000)).toBe('just now');
  });
});

describe('numbers', () => {
  it('shows a dash for unknown values', () => {
    expect(formatPercent(null)).toBe(DASH);
    expect(formatMinutes(null)).toBe(DASH);
  });

  it('formats fractions and virtual minutes', () => {
    expect(formatPercent(0.8234)).toBe('82.3 %');
    expect(formatMinutes(0.5)).toBe('30 s');
    expect(formatMinutes(7.5)).toBe('7.5 min');
    expect(formatMinutes(200)).toBe('3 h 20 min');
  });

  it('prints ISO times as UTC without the noise', () => {
    expect(formatTime('2026-01-05T09:00:10.000Z')).toBe('2026-01-05 09:00:10');
  });
});
