import { describe, expect, it } from 'vitest';
import { mergeLines } from './log-buffer.ts';

const line = (n: number, second: number) => ({
  id: `LOG-${String(n).padStart(6, '0')}`,
  at: `2026-01-05T09:00:${String(second).padStart(2, '0')}.000Z`,
});

describe('mergeLines', () => {
  it('merges overlapping polls by id, newest first', () => {
    const merged = mergeLines([line(2, 1), line(1, 0)], [line(3, 1), line(2, 1)]);
    expect(merged.map((l) => l.id)).toEqual(['LOG-000003', 'LOG-000002', 'LOG-000001']);
  });

  it('keeps at most the newest max lines', () => {
    const many = Array.from({ length: 50 }, (_, i) => line(i, i));
    const merged = mergeLines([], many, 10);
    expect(merged).toHaveLength(10);
    expect(merged[0]?.id).toBe('LOG-000049');
  });
});
