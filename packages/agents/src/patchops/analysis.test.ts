import { describe, expect, it } from 'vitest';
import { baselineOf, measure, trailingFailures, trailingPasses } from './analysis.ts';
import { DEFAULT_ROLLOUT } from './options.ts';

const host = (host: string, errorRate: number, latencyP95: number) => ({
  host,
  version: '1.0.0',
  errorRate,
  latencyP95,
});
const at = '2026-01-05T00:10:00.000Z';
const stable = baselineOf([host('a', 0.002, 100), host('b', 0.004, 110)], 'stable');

describe('measure', () => {
  it('passes a canary that looks like the stable hosts', () => {
    const m = measure([host('c', 0.0035, 108)], [], stable, DEFAULT_ROLLOUT, at);
    expect(m).toMatchObject({ verdict: 'pass', baselineErrorRate: 0.003, baselineLatencyP95: 105 });
  });

  it('fails on errors above baseline × ratio + margin, naming values and limit', () => {
    const m = measure([host('c', 0.08, 100)], [], stable, DEFAULT_ROLLOUT, at);
    expect(m.verdict).toBe('fail');
    expect(m.reason).toBe('errors 8.00% vs 0.30% on stable hosts (limit 1.60%)');
  });

  it('fails on p95 latency above baseline × ratio, and on a canary that does not report', () => {
    expect(measure([host('c', 0.003, 150)], [], stable, DEFAULT_ROLLOUT, at).reason).toContain(
      'p95 150ms vs 105ms',
    );
    expect(measure([], ['c'], stable, DEFAULT_ROLLOUT, at).reason).toBe('no reading from c');
  });

  it('counts trailing passes and failures', () => {
    const m = (verdict: 'pass' | 'fail') => ({
      ...measure([], [], stable, DEFAULT_ROLLOUT, at),
      verdict,
    });
    const list = [m('fail'), m('pass'), m('fail'), m('fail')];
    expect(trailingFailures(list)).toBe(2);
    expect(trailingPasses(list)).toBe(0);
    expect(trailingPasses([...list, m('pass')])).toBe(1);
  });
});
