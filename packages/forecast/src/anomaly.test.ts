import { describe, expect, it } from 'vitest';
import {
  ANOMALY_THRESHOLD,
  anomalyScores,
  isAnomalous,
  latestAnomalyScore,
  MAX_ANOMALY_SCORE,
} from './anomaly.ts';
import { ForecastInputError } from './errors.ts';
import { fitHolt } from './fit-holt.ts';
import { normalSource } from './simulate.ts';

const noisyRamp = (length: number, seed: number): number[] => {
  const draw = normalSource(seed);
  return Array.from({ length }, (_, t) => 200 + 0.5 * t + 2 * draw());
};

describe('anomalyScores', () => {
  it('flags an injected spike and leaves the clean part unflagged', () => {
    const series = noisyRamp(150, 3);
    const spikeAt = 120;
    series[spikeAt] = (series[spikeAt] ?? 0) + 25;
    const { residuals } = fitHolt(series, { horizon: 1 });
    const scores = anomalyScores(residuals, 48);
    expect(isAnomalous(scores[spikeAt] ?? 0)).toBe(true);
    const clean = scores.slice(0, spikeAt).filter(isAnomalous);
    expect(clean).toEqual([]);
  });

  it('scores the latest point like the last per-point score', () => {
    const series = noisyRamp(80, 9);
    series[79] = (series[79] ?? 0) - 30;
    const { residuals } = fitHolt(series, { horizon: 1 });
    const latest = latestAnomalyScore(residuals, 30);
    expect(latest).toBe(anomalyScores(residuals, 30).at(-1));
    expect(latest).toBeLessThan(-ANOMALY_THRESHOLD);
  });

  it('is the robust z-score against the trailing window', () => {
    const residuals = [1, -1, 2, -2, 0, 3, 10];
    // Baseline [−1, 2, −2, 0, 3] for window 5: median 0, MAD 2.
    expect(anomalyScores(residuals, 5).at(-1)).toBeCloseTo(10 / (1.4826 * 2), 10);
  });

  it('scores 0 until enough history exists and stays finite on a flat baseline', () => {
    expect(anomalyScores([5, 5, 5, 5, 5], 10)).toEqual([0, 0, 0, 0, 0]);
    const flat = [0, 0, 0, 0, 0, 0, 0, 4];
    expect(anomalyScores(flat, 10).at(-1)).toBe(MAX_ANOMALY_SCORE);
    expect(latestAnomalyScore([], 10)).toBe(0);
  });

  it('names the bad input', () => {
    expect(() => anomalyScores([1, Number.NaN], 10)).toThrow(ForecastInputError);
    try {
      anomalyScores([1, 2, 3], 2);
    } catch (error) {
      expect(error instanceof ForecastInputError && error.field).toBe('window');
    }
  });
});
