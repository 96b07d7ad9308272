import { describe, expect, it } from 'vitest';
import { pairwiseScores } from './scores.ts';

describe('pairwiseScores', () => {
  it('scores a perfect clustering 1 everywhere', () => {
    const truth = [['a', 'b'], ['c']];
    expect(pairwiseScores([['b', 'a'], ['c']], truth)).toEqual({ precision: 1, recall: 1, f1: 1 });
  });

  it('counts wrongly joined pairs against precision', () => {
    // Together: ab, ac, bc; of those only ab belong together.
    const s = pairwiseScores([['a', 'b', 'c']], [['a', 'b'], ['c']]);
    expect(s.precision).toBeCloseTo(1 / 3);
    expect(s.recall).toBe(1);
    expect(s.f1).toBeCloseTo(0.5);
  });

  it('counts split pairs against recall', () => {
    // Truth has 6 pairs among abcd; the prediction keeps ab and cd.
    const s = pairwiseScores(
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      [['a', 'b', 'c', 'd']],
    );
    expect(s.precision).toBe(1);
    expect(s.recall).toBeCloseTo(2 / 6);
    expect(s.f1).toBeCloseTo(0.5);
  });

  it('gives singletons everywhere full marks and leaves out unknown items', () => {
    expect(pairwiseScores([['a'], ['b']], [['a'], ['b']])).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
    });
    expect(pairwiseScores([['a', 'b', 'x']], [['a', 'b']])).toEqual({
      precision: 1,
      recall: 1,
      f1: 1,
    });
  });

  it('scores everything joined against everything apart', () => {
    const s = pairwiseScores([['a', 'b', 'c', 'd']], [['a'], ['b'], ['c'], ['d']]);
    expect(s).toEqual({ precision: 0, recall: 1, f1: 0 });
  });
});
