import { PredictedRisk } from '@watchfloor/domain';
import { createSimulator, THRESHOLDS } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { RiskDetector } from './risk-detector.ts';
import { feed, runSlowFault } from './sim-harness.test-util.ts';
import { thresholdsFromRules } from './thresholds.ts';
import { metricValues } from './values.test-util.ts';

const START = Date.parse('2026-01-05T00:00:00.000Z');
const at = (tick: number) => new Date(START + tick * 10_000).toISOString();
const wiggle = (tick: number) => 0.008 * Math.sin(tick * 2.3) + 0.005 * Math.sin(tick * 0.7);

describe('RiskDetector on the simulator', () => {
  for (const seed of [1, 2, 3]) {
    it(`predicts a memory leak before MemoryPressure fires (seed ${seed})`, () => {
      const run = runSlowFault(seed, 'memory_leak', ['MemoryPressure']);
      expect(run.alertMs).toBeGreaterThan(run.faultStartMs);
      expect(run.firstRisk).not.toBeNull();
      expect(run.firstRiskMs).toBeLessThan(run.alertMs);
      expect(run.firstRiskMs).toBeGreaterThanOrEqual(run.faultStartMs);
      const risk = PredictedRisk.parse(run.firstRisk);
      // The crossing it predicts is within 90 s of when the alert really fires (rule `for` + jitter).
      expect(risk.inSeconds).toBeGreaterThan(0);
      expect(risk.inSeconds).toBeLessThanOrEqual(900);
      const predictedMs = Date.parse(risk.predictedCrossingAt);
      expect(Math.abs(predictedMs - run.alertMs)).toBeLessThan(90_000);
      expect(risk.trendPerMinute).toBeGreaterThan(0);
      expect(risk.confidence).toBeGreaterThan(0);
    });

    it(`predicts a filling disk before DiskWillFillSoon fires (seed ${seed})`, () => {
      const run = runSlowFault(seed, 'disk_filling', ['DiskWillFillSoon', 'DiskFull']);
      expect(run.firstRisk).not.toBeNull();
      expect(run.firstRiskMs).toBeLessThan(run.alertMs);
      expect(run.firstRisk?.metric).toBe('disk');
      expect(run.firstRisk?.inSeconds).toBeLessThanOrEqual(900);
    });
  }

  it('raises no risks on a healthy estate over six virtual hours', () => {
    let risks = 0;
    for (const seed of [11, 12]) {
      const sim = createSimulator({ seed, faultGeneration: false });
      const detector = new RiskDetector(thresholdsFromRules(THRESHOLDS));
      feed(sim, detector, 6 * 360, () => risks++);
      expect(detector.stats().refits).toBeGreaterThan(0);
    }
    expect(risks).toBe(0);
  });
});

describe('RiskDetector', () => {
  const memory = { memory: { value: 0.88, direction: 'above' as const } };

  it('reports a steady climb once it is confirmed, and stops once the threshold is crossed', () => {
    const d = new RiskDetector(memory);
    for (let t = 0; t < 60; t++)
      d.observe({ at: at(t), service: 'api', values: metricValues({ memory: 0.5 + wiggle(t) }) });
    expect(d.check(at(59))).toEqual([]);
    let first = -1;
    for (let t = 60; t < 120; t++) {
      const value = 0.5 + 0.005 * (t - 60) + wiggle(t);
      d.observe({ at: at(t), service: 'api', values: metricValues({ memory: value }) });
      const risks = d.check(at(t));
      if (risks.length > 0 && first < 0) {
        first = t;
        const [risk] = risks;
        expect(risk?.detectedAt).toBe(at(t));
        // 0.005 per 10 s is 0.03 per minute; from ~0.5 + 0.005·k it crosses 0.88 at t ≈ 136.
        expect(risk?.trendPerMinute).toBeGreaterThan(0.015);
        expect(risk?.trendPerMinute).toBeLessThan(0.045);
        const crossing = Date.parse(risk?.predictedCrossingAt ?? '');
        expect(Math.abs(crossing - Date.parse(at(136)))).toBeLessThan(200_000);
      }
    }
    expect(first).toBeGreaterThan(60);
    expect(first).toBeLessThan(80);
    for (let t = 120; t < 140; t++) {
      d.observe({ at: at(t), service: 'api', values: metricValues({ memory: 0.95 }) });
    }
    expect(d.check(at(139))).toEqual([]);
  });

  it('ignores noise, drops and metrics it has no threshold for', () => {
    const d = new RiskDetector(memory);
    for (let t = 0; t < 400; t++) {
      const drop = t > 200 ? -0.3 : 0;
      d.observe({
        at: at(t),
        service: 'api',
        values: metricValues({ memory: 0.8 + drop + 2 * wiggle(t), cpu: t / 400 }),
      });
      expect(d.check(at(t))).toEqual([]);
    }
    expect(d.stats().series).toBe(1);
  });

  it('does not report a series that has gone silent', () => {
    const d = new RiskDetector(memory);
    for (let t = 0; t < 40; t++)
      d.observe({ at: at(t), service: 'api', values: metricValues({ memory: 0.4 + wiggle(t) }) });
    for (let t = 40; t < 60; t++)
      d.observe({
        at: at(t),
        service: 'api',
        values: metricValues({ memory: 0.4 + 0.01 * (t - 40) }),
      });
    expect(d.check(at(59))).toHaveLength(1);
    expect(d.check(at(80))).toEqual([]);
  });

  it('sees a tick batch exactly as the same samples one by one', () => {
    const sim = createSimulator({ seed: 5, services: 40 });
    const one = new RiskDetector(thresholdsFromRules(THRESHOLDS));
    const all = new RiskDetector(thresholdsFromRules(THRESHOLDS));
    sim.injectFault('memory_leak', sim.topology.services[20]?.id ?? '');
    let at = '';
    let risks = 0;
    for (let tick = 0; tick < 600; tick++) {
      for (const e of sim.step()) {
        if (e.type !== 'metrics') continue;
        at = e.at;
        // Every few ticks the batch comes in another order.
        const batch = tick % 5 === 0 ? [...e.samples].reverse() : e.samples;
        for (const s of batch) one.observe(s);
        all.observeAll(batch);
      }
      expect(all.check(at)).toEqual(one.check(at));
      risks += one.check(at).length;
    }
    expect(risks).toBeGreaterThan(0);
    expect(all.stats()).toEqual(one.stats());
  });

  it('spreads the warm-up of many series over warmupSpread extra samples', () => {
    const warmingAfter = (warmupSpread: number) => {
      const d = new RiskDetector(memory, { warmupSpread });
      const counts: number[] = [];
      for (let t = 0; t < 40; t++) {
        for (let s = 0; s < 200; s++) {
          d.observe({ at: at(t), service: `svc-${s}`, values: metricValues({ memory: 0.5 }) });
        }
        counts.push(d.stats().warmingUp);
      }
      return counts;
    };
    const together = warmingAfter(0);
    expect(together[23]).toBe(200);
    expect(together[24]).toBe(0); // all 200 past 24 samples at once
    const spread = warmingAfter(12);
    expect(spread[24]).toBeGreaterThan(0);
    expect(spread[24]).toBeLessThan(200);
    expect(spread[36]).toBe(0); // none waits more than 12 extra samples
    for (let t = 25; t < 37; t++) expect(spread[t]).toBeLessThan(spread[t - 1] ?? 0);
  });

  it('rejects nonsensical options', () => {
    expect(() => new RiskDetector(memory, { confirmations: 0 })).toThrow(RangeError);
    expect(() => new RiskDetector(memory, { horizonSeconds: -1 })).toThrow(RangeError);
    expect(() => new RiskDetector(memory, { warmupSpread: -1 })).toThrow(RangeError);
  });
});
