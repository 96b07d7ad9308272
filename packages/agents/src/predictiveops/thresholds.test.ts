import { THRESHOLDS } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { isBeyond, thresholdsFromRules } from './thresholds.ts';

describe('thresholdsFromRules', () => {
  it('takes the warning levels of the memory and disk rules by default', () => {
    expect(thresholdsFromRules(THRESHOLDS)).toEqual({
      memory: { value: 0.88, direction: 'above' },
      disk: { value: 0.8, direction: 'above' },
    });
  });

  it('adds cpu and error rate when asked', () => {
    const t = thresholdsFromRules(THRESHOLDS, ['cpu', 'error_rate', 'latency_p95_ms']);
    expect(t).toEqual({
      cpu: { value: 0.85, direction: 'above' },
      error_rate: { value: 0.05, direction: 'above' },
    });
  });

  it('treats a value on the threshold as not yet beyond it, as the rules do', () => {
    expect(isBeyond(0.88, { value: 0.88, direction: 'above' })).toBe(false);
    expect(isBeyond(0.1, { value: 0.2, direction: 'below' })).toBe(true);
  });
});
