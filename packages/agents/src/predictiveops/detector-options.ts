export interface RiskDetectorOptions {
  /** How far ahead a crossing counts as a risk, in seconds; default 900 (15 virtual min). */
  horizonSeconds?: number;
  /** Trend significance: the trend over its healthy spread (a z-score) needed; default 5. */
  minTrendZ?: number;
  /** Share of minTrendZ an active risk may fall to before it ends (hysteresis); default 0.5. */
  releaseShare?: number;
  /** Samples of the straight line that corrects Holt's lag in the crossing time (0: Holt only); default 6. */
  slopeSamples?: number;
  /** Consecutive samples a risk must hold before it is reported; default 3. */
  confirmations?: number;
  /** Samples a series needs before it can raise a risk; default 24 (4 min); its noise is then measured robustly. */
  warmupSamples?: number;
  /**
   * Up to this many extra warm-up samples, by series, so a large estate does not measure all
   * its series' noise in one tick; default 0 (a ramp in a longer warm-up hides more easily).
   */
  warmupSpread?: number;
  /** Smoothing used until the first refit; defaults 0.5 and 0.3. */
  alpha?: number;
  beta?: number;
  /** Bounds the fitted α and β are held to, so a new trend is picked up within a few samples. */
  alphaRange?: readonly [number, number];
  betaRange?: readonly [number, number];
  /** Samples between refits of one series; default 360 (1 virtual hour), staggered per series. */
  refitEverySamples?: number;
  /** Raw samples a refit sees (the sliding window); default 120 (20 virtual min). */
  refitWindow?: number;
  /** A residual this many σ against the risk direction is a level shift: the trend restarts at 0; default 5. */
  resetSigmas?: number;
  /** Weight of each healthy sample in the noise estimates between refits; default 0.02. */
  noiseWeight?: number;
  /** A series silent for longer than this is not reported by check(); default 60 s. */
  staleSeconds?: number;
}

export type DetectorTuning = Required<RiskDetectorOptions>;

export const DEFAULT_DETECTOR_TUNING: Readonly<DetectorTuning> = {
  horizonSeconds: 900,
  minTrendZ: 5,
  releaseShare: 0.5,
  slopeSamples: 6,
  confirmations: 3,
  warmupSamples: 24,
  warmupSpread: 0,
  alpha: 0.5,
  beta: 0.3,
  alphaRange: [0.3, 0.8],
  betaRange: [0.1, 0.5],
  refitEverySamples: 360,
  refitWindow: 120,
  resetSigmas: 5,
  noiseWeight: 0.02,
  staleSeconds: 60,
};

export const detectorTuning = (options: RiskDetectorOptions): DetectorTuning => {
  const t = { ...DEFAULT_DETECTOR_TUNING };
  for (const [key, value] of Object.entries(options) as [keyof DetectorTuning, unknown][]) {
    if (value !== undefined) Object.assign(t, { [key]: value });
  }
  if (!(t.horizonSeconds > 0)) throw new RangeError('horizonSeconds must be positive');
  if (!Number.isInteger(t.confirmations) || t.confirmations < 1)
    throw new RangeError('confirmations must be a positive integer');
  if (!Number.isInteger(t.warmupSamples) || t.warmupSamples < 12)
    throw new RangeError('warmupSamples must be an integer ≥ 12');
  if (!Number.isInteger(t.warmupSpread) || t.warmupSpread < 0)
    throw new RangeError('warmupSpread must be a non-negative integer');
  if (!Number.isInteger(t.refitWindow) || t.refitWindow < Math.max(t.warmupSamples, 20))
    throw new RangeError('refitWindow must be an integer ≥ warmupSamples and ≥ 20');
  if (!Number.isInteger(t.refitEverySamples) || t.refitEverySamples < 1)
    throw new RangeError('refitEverySamples must be a positive integer');
  return t;
};
