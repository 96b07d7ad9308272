import { describe, expect, it } from 'vitest';
import { listParam, queryString } from './query-string.ts';

describe('queryString', () => {
  it('joins lists with commas and leaves out empty values', () => {
    expect(
      queryString({
        status: ['open', 'acknowledged'],
        severity: [],
        service: '',
        q: ' db ',
        limit: 50,
      }),
    ).toBe('?status=open%2Cacknowledged&q=db&limit=50');
  });

  it('is empty when nothing is set', () => {
    expect(queryString({ a: undefined, b: null })).toBe('');
  });
});

describe('listParam', () => {
  it('keeps only allowed values, in the allowed order', () => {
    expect(listParam('resolved,nonsense,open', ['open', 'resolved'] as const)).toEqual([
      'open',
      'resolved',
    ]);
    expect(listParam(null, ['open'] as const)).toEqual([]);
  });
});
