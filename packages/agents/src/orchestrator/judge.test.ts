import { describe, expect, it } from 'vitest';
import { type ObservationSnapshot, OutcomeJudge } from './judge.ts';
import { at } from './test-fixtures.ts';

const snap = (minute: number, firingAlerts: number, errorRate: number): ObservationSnapshot => ({
  at: at(minute),
  firingAlerts,
  metrics: { error_rate: errorRate, cpu: 0.4 },
});

const judge = new OutcomeJudge({ windowMs: 10 * 60_000, holdMs: 2 * 60_000 });
const before = snap(0, 4, 0.2);

describe('OutcomeJudge', () => {
  it('calls it mitigated once alerts clear and metrics stay in bounds', () => {
    const after = [snap(1, 3, 0.12), snap(2, 0, 0.02), snap(3, 0, 0.01), snap(4, 0, 0.01)];
    const verdict = judge.judge({ actionAt: at(0), before, after, now: at(4) });
    expect(verdict).toEqual({
      outcome: 'mitigated',
      mitigatedAt: at(2),
      sinceActionMs: 2 * 60_000,
      residualRisk: 'none',
    });
  });

  it('waits while the window is open and the incident is not clearly over', () => {
    const after = [snap(1, 3, 0.12), snap(2, 0, 0.02)];
    expect(judge.judge({ actionAt: at(0), before, after, now: at(2) }).outcome).toBe('pending');
  });

  it('does not count a clear spell that relapsed', () => {
    const after = [snap(2, 0, 0.02), snap(3, 0, 0.02), snap(5, 0, 0.02), snap(6, 2, 0.1)];
    const verdict = judge.judge({ actionAt: at(0), before, after, now: at(11) });
    expect(verdict.outcome).toBe('not_mitigated');
  });

  it('calls it not mitigated when nothing changed by the end of the window', () => {
    const after = [snap(3, 4, 0.2), snap(9, 4, 0.21)];
    const verdict = judge.judge({ actionAt: at(0), before, after, now: at(10) });
    expect(verdict).toEqual({ outcome: 'not_mitigated', residualRisk: 'medium' });
  });

  it('calls it worsened when more alerts fire or metrics drift further out', () => {
    const moreAlerts = [snap(5, 6, 0.2)];
    const worseMetrics = [snap(5, 4, 0.4)];
    for (const after of [moreAlerts, worseMetrics]) {
      const verdict = judge.judge({ actionAt: at(0), before, after, now: at(10) });
      expect(verdict).toEqual({ outcome: 'worsened', residualRisk: 'high' });
    }
  });

  it('ignores observations from before the action or after the window', () => {
    const after = [snap(-1, 0, 0.01), snap(12, 0, 0.01)];
    const verdict = judge.judge({ actionAt: at(0), before, after, now: at(12) });
    expect(verdict.outcome).toBe('not_mitigated');
  });

  it('does not credit the action with a clear spell that starts after the window', () => {
    const short = new OutcomeJudge({ windowMs: 60_000, holdMs: 30_000 });
    const cleared = (minute: number) => [snap(0.5, 4, 0.2), snap(minute, 0, 0.01)];
    const quick = short.judge({ actionAt: at(0), before, after: cleared(0.75), now: at(1.5) });
    expect(quick).toMatchObject({ outcome: 'mitigated', mitigatedAt: at(0.75) });
    // The fault ran its course: clear, but only once the window had passed.
    const slow = short.judge({ actionAt: at(0), before, after: cleared(1.25), now: at(1.5) });
    expect(slow.outcome).toBe('not_mitigated');
    // Decided as soon as no clear spell can count any more.
    const stuck = [snap(0.5, 4, 0.2), snap(1, 4, 0.2)];
    expect(short.judge({ actionAt: at(0), before, after: stuck, now: at(1) }).outcome).toBe(
      'not_mitigated',
    );
  });

  it('honours per-incident bounds such as a latency objective', () => {
    const slow: ObservationSnapshot = {
      at: at(3),
      firingAlerts: 0,
      metrics: { latency_p95_ms: 900 },
    };
    const input = { actionAt: at(0), before, after: [slow], now: at(10) };
    expect(judge.judge(input).outcome).toBe('mitigated');
    expect(judge.judge({ ...input, bounds: { latency_p95_ms: { max: 300 } } }).outcome).toBe(
      'not_mitigated',
    );
  });
});
