import type { MetricName } from '@watchfloor/domain';
import { MIN_BUCKETS } from './build-forecast.ts';
import type { MetricHistory } from './history.ts';
import { chooseHolt, type HoltModel, modelOf } from './holt-choice.ts';

/** A series' fitted smoothing and what it was fitted on. */
export interface ForecastModel extends HoltModel {
  damped: boolean;
  /** Start (ms) of the newest bucket the fit saw. */
  fittedThrough: number;
  /** Buckets the fit saw. */
  points: number;
  /** Fits of this series so far: every COLD_EVERY-th searches from scratch. */
  fits: number;
}

/**
 * Refits start from the previous model (~0.5 ms instead of ~2 ms); every this many fits one
 * searches the whole grid again, so a series cannot stay in a local optimum for long.
 */
const COLD_EVERY = 6;

export interface ForecastModelsOptions {
  /** Most recent buckets a fit sees; default 288 (as `buildForecast`). */
  points?: number;
  /**
   * A model is due again once the series has this much newer data (seconds), or twice the
   * buckets it was fitted on (early fits see few); default 3600. Forecasts follow every
   * bucket regardless: only the smoothing waits.
   */
  refitEverySeconds?: number;
}

/**
 * Fitted smoothing per series, refreshed in the background a bounded number of series at a
 * time. A full fit (Holt and damped Holt over 288 buckets, compared by AIC) costs ~2 ms, so
 * refitting the 30,000 series of a 5,000-service estate at once would stall the loop for a
 * minute. `refitDue` fits at most `budget` series per call instead (most starting from the
 * series' previous smoothing), walking the series round-robin and skipping those not due:
 * a due series is refit within ceil(series / budget) calls. A forecast is built from the
 * stored smoothing with only the initial states fitted (`buildForecast`'s `model`), so it
 * follows every bucket. Which series are refit depends only on the calls, so a seeded run
 * replays the same models.
 * @example
 *   models.refitDue(history, 8); // once per engine tick
 *   buildForecast(history, s, m, { now, model: models.get(history, s, m) });
 */
export class ForecastModels {
  readonly points: number;
  readonly refitEveryMs: number;
  /** By the history's series index. */
  readonly #models: (ForecastModel | undefined)[] = [];
  #cursor = 0;
  /** Fits done so far. */
  refits = 0;

  constructor(options: ForecastModelsOptions = {}) {
    const points = options.points ?? 288;
    if (!Number.isInteger(points) || points < MIN_BUCKETS)
      throw new RangeError(`points must be an integer ≥ ${MIN_BUCKETS}`);
    this.points = points;
    const every = options.refitEverySeconds ?? 3600;
    if (!(every >= 0)) throw new RangeError('refitEverySeconds must be ≥ 0');
    this.refitEveryMs = every * 1000;
  }

  /** The series' latest fitted smoothing, or null before its first fit. */
  get(history: MetricHistory, service: string, metric: MetricName): ForecastModel | null {
    return this.#models[history.indexOf(service, metric)] ?? null;
  }

  /** How many series have a model. */
  get size(): number {
    let n = 0;
    for (const m of this.#models) if (m) n++;
    return n;
  }

  /**
   * Refits at most `budget` due series (no model yet, or enough newer data: see
   * `refitEverySeconds`), resuming the round-robin where the last call stopped; visits each
   * series at most once per call. Returns how many were refit.
   */
  refitDue(history: MetricHistory, budget: number): number {
    const total = history.seriesCount;
    let done = 0;
    for (let visited = 0; visited < total && done < budget; visited++) {
      const index = this.#cursor % total;
      this.#cursor = index + 1;
      const id = history.seriesAt(index);
      if (!id || history.bucketCount(id.service) < MIN_BUCKETS) continue;
      const through = history.lastBucketMs(id.service, id.metric);
      if (Number.isNaN(through)) continue;
      const known = this.#models[index];
      if (known && through - known.fittedThrough < this.refitEveryMs) {
        // Early fits see few buckets: fit again as soon as there are twice as many.
        const count = history.bucketCount(id.service);
        if (count < 2 * known.points || known.points >= this.points) continue;
      }
      if (known?.fittedThrough === through) continue;
      const values = history.bucketValues(id.service, id.metric).slice(-this.points);
      if (values.length < MIN_BUCKETS) continue;
      done++;
      try {
        const fits = (known?.fits ?? 0) + 1;
        const warm = known && fits % COLD_EVERY !== 1 ? known : undefined;
        const chosen = chooseHolt(values, 1, warm);
        this.#models[index] = {
          ...modelOf(chosen),
          damped: chosen.damped,
          fittedThrough: through,
          points: values.length,
          fits,
        };
      } catch {
        // A window the fitter refuses keeps the previous smoothing until the next bucket.
        const previous = this.#models[index];
        if (previous) this.#models[index] = { ...previous, fittedThrough: through };
      }
    }
    this.refits += done;
    return done;
  }
}
