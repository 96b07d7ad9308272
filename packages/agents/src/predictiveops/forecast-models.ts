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
 * Refits start from the previous model; every this many fits one searches the whole grid
 * again, so a series cannot stay in a local optimum for long.
 */
const COLD_EVERY = 6;

/**
 * What a refit costs against `refitDue`'s budget: one from the previous model ~0.3 ms, one
 * from scratch (a grid of starting points for both trend models) about four times that.
 */
export const REFIT_COST = { warm: 1, cold: 4 } as const;

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
 * Fitted smoothing per series, refreshed in the background a bounded amount at a time. A
 * full fit (Holt and damped Holt over 288 buckets, compared by AIC) costs ~1.3 ms, so refitting
 * the 30,000 series of a 5,000-service estate at once would stall the loop for a minute.
 * `refitDue` spends at most `budget` per call instead (REFIT_COST: most refits start from the
 * series' previous smoothing), walking the series round-robin and skipping those not due: a
 * due series is refit within ceil(series × REFIT_COST.cold / budget) calls. A forecast is
 * built from the stored smoothing with only the initial states fitted (`buildForecast`'s
 * `model`), so it follows every bucket. Which series are refit depends only on the calls, so
 * a seeded run replays the same models.
 * @example
 *   models.refitDue(history, 24); // once per engine tick
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
  /** Budget spent so far (REFIT_COST units). */
  spent = 0;

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
   * Refits due series (no model yet, or enough newer data: see `refitEverySeconds`) while
   * their REFIT_COST fits in `budget` (the first one of a call always does, so any budget
   * makes progress), resuming the round-robin where the last call stopped and visiting each
   * series at most once per call. Returns how many were refit.
   */
  refitDue(history: MetricHistory, budget: number): number {
    const total = history.seriesCount;
    let done = 0;
    let spent = 0;
    for (let visited = 0; visited < total && spent < budget; visited++) {
      const index = this.#cursor % total;
      const due = this.#due(history, index);
      if (due) {
        const cost = due.warm ? REFIT_COST.warm : REFIT_COST.cold;
        // Left for the next call, which starts with it.
        if (done > 0 && spent + cost > budget) break;
        this.#refit(index, due);
        spent += cost;
        done++;
      }
      this.#cursor = index + 1;
    }
    this.refits += done;
    this.spent += spent;
    return done;
  }

  #due(history: MetricHistory, index: number): Due | null {
    const id = history.seriesAt(index);
    if (!id || history.bucketCount(id.service) < MIN_BUCKETS) return null;
    const through = history.lastBucketMs(id.service, id.metric);
    if (Number.isNaN(through)) return null;
    const known = this.#models[index];
    if (known && through - known.fittedThrough < this.refitEveryMs) {
      // Early fits see few buckets: fit again as soon as there are twice as many.
      const count = history.bucketCount(id.service);
      if (count < 2 * known.points || known.points >= this.points) return null;
    }
    if (known?.fittedThrough === through) return null;
    const values = history.bucketValues(id.service, id.metric).slice(-this.points);
    if (values.length < MIN_BUCKETS) return null;
    const fits = (known?.fits ?? 0) + 1;
    return { values, through, fits, warm: known && fits % COLD_EVERY !== 1 ? known : null };
  }

  #refit(index: number, { values, through, fits, warm }: Due): void {
    try {
      const chosen = chooseHolt(values, 1, warm ?? undefined);
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
}

interface Due {
  values: number[];
  through: number;
  fits: number;
  /** The model a warm refit starts from; null for a search from scratch. */
  warm: ForecastModel | null;
}
