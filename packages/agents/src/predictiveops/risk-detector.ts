import type { MetricName, MetricSample, PredictedRisk } from '@watchfloor/domain';
import { ByPosition } from './by-position.ts';
import {
  type DetectorTuning,
  detectorTuning,
  type RiskDetectorOptions,
} from './detector-options.ts';
import { normalCdf } from './normal.ts';
import { SeriesTracker } from './series-tracker.ts';
import type { MetricThreshold, Thresholds } from './thresholds.ts';
import { TimeParser, toIso, toMs } from './time.ts';

/** Counters for health pages and benchmarks. */
export interface RiskDetectorStats {
  series: number;
  active: number;
  refits: number;
  /** Series still in their warm-up (no risk yet). */
  warmingUp: number;
}

/**
 * Short-horizon threshold-crossing predictions. `observe` updates one online Holt state per
 * service and watched metric in O(1); α, β are refitted with `fitHolt` on a sliding window of
 * raw samples on a staggered schedule (held to ranges that keep a new trend visible within a
 * few samples), and the noise of the residuals and of the trend is re-measured robustly then.
 * A risk needs the trend to be significant against that noise (z ≥ minTrendZ), the crossing
 * (slope from Holt or, when steeper, a line through the last samples) within the horizon, the
 * metric not yet beyond the threshold, and `confirmations` samples in a row; it ends when any
 * of these fails (the trend may fall to half the bar: hysteresis). A drop away from the
 * threshold restarts the trend at 0. `check` lists the risks active now in O(active risks).
 * @example
 *   const detector = new RiskDetector(thresholdsFromRules(THRESHOLDS));
 *   for (const s of event.samples) detector.observe(s);
 *   detector.check(event.at); // PredictedRisk[]
 */
export class RiskDetector {
  readonly tuning: DetectorTuning;
  readonly #watched: readonly [MetricName, MetricThreshold][];
  readonly #services = new Map<string, SeriesTracker[]>();
  readonly #active = new Set<SeriesTracker>();
  readonly #time = new TimeParser();
  readonly #byPosition = new ByPosition((service) => this.#trackers(service));

  constructor(thresholds: Thresholds, options: RiskDetectorOptions = {}) {
    this.tuning = detectorTuning(options);
    this.#watched = (Object.entries(thresholds) as [MetricName, MetricThreshold | undefined][])
      .filter((e): e is [MetricName, MetricThreshold] => e[1] !== undefined)
      .filter(([, t]) => Number.isFinite(t.value));
  }

  /** Feeds one service's sample (samples of a service must come in time order; older ones are ignored). */
  observe(sample: MetricSample): void {
    this.#observe(sample, this.#trackers(sample.service));
  }

  /** `observe` for a batch (one tick's samples of every service). */
  observeAll(samples: readonly MetricSample[]): void {
    for (let i = 0; i < samples.length; i++) {
      const sample = samples[i];
      if (sample) this.#observe(sample, this.#byPosition.get(i, sample.service));
    }
  }

  #observe(sample: MetricSample, trackers: readonly SeriesTracker[]): void {
    const ms = this.#time.ms(sample.at);
    if (!Number.isFinite(ms)) return;
    for (const tracker of trackers) {
      const value = sample.values[tracker.metric];
      if (value === undefined || !Number.isFinite(value)) continue;
      if (ms <= tracker.lastMs) continue;
      if (!tracker.update(value, ms)) continue;
      if (tracker.active) this.#active.add(tracker);
      else this.#active.delete(tracker);
    }
  }

  /** Sets a service's trackers up ahead of its first sample (e.g. the whole estate at start-up). */
  track(service: string): void {
    this.#trackers(service);
  }

  /** Risks active at `now`: crossing predicted within the horizon, confirmed, not yet crossed. */
  check(now: string): PredictedRisk[] {
    const nowMs = toMs(now);
    const out: PredictedRisk[] = [];
    for (const t of this.#active) {
      if (nowMs - t.lastMs > this.tuning.staleSeconds * 1000) continue;
      const crossingMs = t.lastMs + t.crossingSeconds * 1000;
      const confirmations = this.tuning.confirmations;
      out.push({
        service: t.service,
        metric: t.metric,
        current: t.lastValue,
        threshold: t.threshold.value,
        predictedCrossingAt: toIso(crossingMs),
        inSeconds: Math.max(0, Math.round((crossingMs - nowMs) / 100) / 10),
        trendPerMinute: (t.slope * 60) / t.stepSeconds,
        confidence:
          normalCdf(t.z - this.tuning.minTrendZ) * Math.min(1, t.streak / (2 * confirmations)),
        detectedAt: toIso(t.episodeStartMs),
      });
    }
    return out.sort((a, b) => a.inSeconds - b.inSeconds || a.service.localeCompare(b.service));
  }

  stats(): RiskDetectorStats {
    let series = 0;
    let refits = 0;
    let warmingUp = 0;
    for (const trackers of this.#services.values()) {
      series += trackers.length;
      for (const t of trackers) {
        refits += t.refits;
        if (!t.warm) warmingUp++;
      }
    }
    return { series, active: this.#active.size, refits, warmingUp };
  }

  #trackers(service: string): SeriesTracker[] {
    const known = this.#services.get(service);
    if (known) return known;
    const trackers = this.#watched.map(
      ([metric, threshold]) =>
        new SeriesTracker(service, metric, threshold, this.tuning, hash(`${service}|${metric}`)),
    );
    this.#services.set(service, trackers);
    return trackers;
  }
}

/** FNV-1a, to stagger refits deterministically. */
const hash = (text: string): number => {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
};
