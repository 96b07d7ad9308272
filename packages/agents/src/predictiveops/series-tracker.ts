import type { MetricName } from '@watchfloor/domain';
import { fitHolt } from '@watchfloor/forecast';
import type { DetectorTuning } from './detector-options.ts';
import { type HoltState, holtStep, replayNoise } from './online-holt.ts';
import { isBeyond, type MetricThreshold } from './thresholds.ts';
import { ValueRing } from './value-ring.ts';

/** Every this many refits one searches α, β from scratch rather than from the current values. */
const COLD_REFIT_EVERY = 4;

const clamp = (x: number, [lo, hi]: readonly [number, number]): number =>
  Math.min(hi, Math.max(lo, x));

/**
 * One service/metric: an online Holt state, its noise scales, a ring of raw values for the
 * scheduled refit, and the streak of samples that predicted a crossing within the horizon.
 */
export class SeriesTracker {
  alpha: number;
  beta: number;
  readonly state: HoltState = { level: 0, trend: 0 };
  /** Samples seen. */
  n = 0;
  residualVar = 0;
  trendVar = 0;
  lastMs = Number.NaN;
  lastValue = Number.NaN;
  stepSeconds = 10;
  /** Signed trend over its healthy spread, positive towards the threshold. */
  z = 0;
  /** Per-sample slope behind the crossing estimate (valid while active). */
  slope = 0;
  /** Seconds from the last sample to the predicted crossing (valid while active). */
  crossingSeconds = Number.NaN;
  streak = 0;
  /** Start of the current risk episode (ms), NaN when none is active. */
  episodeStartMs = Number.NaN;
  refits = 0;
  #untilRefit: number;
  /** Samples before this series may raise a risk (its noise is measured then). */
  readonly #warmup: number;
  readonly #window: ValueRing;

  constructor(
    readonly service: string,
    readonly metric: MetricName,
    readonly threshold: MetricThreshold,
    readonly tuning: DetectorTuning,
    stagger: number,
  ) {
    this.alpha = tuning.alpha;
    this.beta = tuning.beta;
    this.#window = new ValueRing(tuning.refitWindow);
    // The first refit comes once the window is a quarter full, then every refitEverySamples.
    this.#untilRefit = Math.ceil(tuning.refitWindow / 4) + (stagger % tuning.refitEverySamples);
    // Spread over a few samples, so an estate that starts at once does not measure at once.
    this.#warmup = tuning.warmupSamples + ((stagger >>> 16) % (tuning.warmupSpread + 1));
  }

  /** Past its warm-up: may raise a risk. */
  get warm(): boolean {
    return this.n > this.#warmup;
  }

  get active(): boolean {
    return !Number.isNaN(this.episodeStartMs);
  }

  /** Feeds one value; returns whether the risk flag changed. */
  update(value: number, ms: number): boolean {
    const t = this.tuning;
    const wasActive = this.active;
    if (this.n > 0 && ms > this.lastMs) this.stepSeconds = (ms - this.lastMs) / 1000;
    this.lastMs = ms;
    this.lastValue = value;
    this.#window.push(value);
    if (this.n === 0) {
      this.state.level = value;
      this.state.trend = 0;
      this.n = 1;
      return false;
    }
    this.n++;
    const sign = this.#sign();
    const sd = Math.sqrt(this.residualVar);
    const expected = this.state.level + this.state.trend;
    const warm = this.n > this.#warmup;
    if (warm && sign * (value - expected) < -t.resetSigmas * sd) {
      // A drop away from the threshold (a restart, a retention trim): do not extrapolate the recovery.
      this.state.level = value;
      this.state.trend = 0;
    } else {
      const e = holtStep(this.state, value, this.alpha, this.beta);
      this.#learnNoise(e, warm);
    }
    if (this.n === this.#warmup) this.#measureNoise(this.#window.values(), 5);
    this.z = (sign * this.state.trend) / Math.max(Math.sqrt(this.trendVar), this.#trendFloor());
    this.#judge(value, ms, warm);
    if (--this.#untilRefit <= 0) this.#refit();
    return wasActive !== this.active;
  }

  #learnNoise(e: number, warm: boolean): void {
    const b = this.state.trend;
    if (!warm) {
      // Running means while warming up.
      this.residualVar += (e * e - this.residualVar) / this.n;
      this.trendVar += (b * b - this.trendVar) / this.n;
      return;
    }
    // Only healthy-looking samples teach the noise, winsorised at 3σ, so a ramp cannot hide itself.
    if (Math.abs(this.z) >= this.tuning.minTrendZ / 2) return;
    const w = this.tuning.noiseWeight;
    this.residualVar += w * (Math.min(e * e, 9 * this.residualVar) - this.residualVar);
    this.trendVar += w * (Math.min(b * b, 9 * this.trendVar) - this.trendVar);
  }

  #judge(value: number, ms: number, warm: boolean): void {
    const t = this.tuning;
    const { level, trend } = this.state;
    let holds = false;
    // Hysteresis: an active risk holds while the trend stays above half the significance bar.
    const bar = this.active ? t.minTrendZ * t.releaseShare : t.minTrendZ;
    if (warm && !isBeyond(value, this.threshold) && this.z >= bar) {
      // Holt lags at the onset of a ramp; a straight line through the last few samples does less.
      const line = this.#window.line(t.slopeSamples);
      const sign = this.#sign();
      const useLine = line !== null && sign * line.slope > sign * trend;
      const from = useLine ? line.end : level;
      this.slope = useLine ? line.slope : trend;
      const seconds = ((this.threshold.value - from) / this.slope) * this.stepSeconds;
      holds = seconds > 0 && seconds <= t.horizonSeconds;
      this.crossingSeconds = seconds;
    }
    this.streak = holds ? this.streak + 1 : 0;
    if (this.streak >= t.confirmations) {
      if (!this.active) this.episodeStartMs = ms;
    } else {
      this.episodeStartMs = Number.NaN;
    }
  }

  #sign(): 1 | -1 {
    return this.threshold.direction === 'above' ? 1 : -1;
  }

  #trendFloor(): number {
    return 1e-6 * Math.max(1, Math.abs(this.threshold.value));
  }

  /** Refits α, β on the sliding window (held to the tuning's ranges) and re-measures the noise. */
  #refit(): void {
    const t = this.tuning;
    this.#untilRefit = t.refitEverySamples;
    const series = this.#window.values();
    if (series.length < 20) return;
    try {
      // From the current smoothing (~4× cheaper than the grid), but now and then from scratch.
      const warm = this.refits % COLD_REFIT_EVERY !== 0;
      const fit = fitHolt(series, {
        horizon: 1,
        ...(warm ? { start: { alpha: this.alpha, beta: this.beta } } : {}),
      });
      this.alpha = clamp(fit.alpha, t.alphaRange);
      this.beta = clamp(fit.beta, t.betaRange);
    } catch {
      return; // keep the current smoothing on a window the fitter refuses
    }
    this.#measureNoise(series, 10);
    this.refits++;
  }

  /** Robust noise scales of a replay of `series` with the current smoothing. */
  #measureNoise(series: readonly number[], skip: number): void {
    const sd = Math.sqrt(this.residualVar);
    const reset = sd > 0 ? { sign: this.#sign(), drop: this.tuning.resetSigmas * sd } : null;
    const noise = replayNoise(series, this.alpha, this.beta, reset, skip);
    if (noise.residualSd > 0 && Number.isFinite(noise.residualSd)) {
      this.residualVar = noise.residualSd * noise.residualSd;
    }
    if (noise.trendSd > 0 && Number.isFinite(noise.trendSd)) {
      this.trendVar = noise.trendSd * noise.trendSd;
    }
  }
}
