import type { Forecast, MetricName } from '@watchfloor/domain';
import { type BuildForecastOptions, buildForecast } from './build-forecast.ts';
import type { MetricHistory } from './history.ts';
import { toMs } from './time.ts';

interface Entry {
  stamp: string;
  model: BuildForecastOptions['model'];
  forecast: Forecast | null;
}

/**
 * Memoises buildForecast per (service, metric, options) until the series gains a bucket or
 * its model is refit, so repeated API reads between buckets do not refit. Only
 * `predictedCrossing.inSeconds` follows `now`; `fittedAt` stays the time of the fit. Holds
 * at most `maxEntries` (oldest evicted).
 */
export class ForecastCache {
  readonly #entries = new Map<string, Entry>();
  hits = 0;
  misses = 0;

  constructor(readonly maxEntries = 10_000) {}

  get(
    history: MetricHistory,
    service: string,
    metric: MetricName,
    options: BuildForecastOptions,
  ): Forecast | null {
    const stamp = history.bucketStamp(service, metric) ?? 'none';
    const t = options.threshold;
    const key = [
      service,
      metric,
      options.horizon ?? '',
      options.actualPoints ?? '',
      t ? `${t.direction}${t.value}` : '',
    ].join('|');
    const known = this.#entries.get(key);
    const model = options.model ?? null;
    if (known && known.stamp === stamp && known.model === model) {
      this.hits++;
      return known.forecast && rebase(known.forecast, options.now);
    }
    this.misses++;
    const forecast = buildForecast(history, service, metric, options);
    this.#entries.delete(key);
    this.#entries.set(key, { stamp, model, forecast });
    if (this.#entries.size > this.maxEntries) {
      const oldest = this.#entries.keys().next().value;
      if (oldest !== undefined) this.#entries.delete(oldest);
    }
    return forecast;
  }

  get size(): number {
    return this.#entries.size;
  }
}

const rebase = (f: Forecast, now: string): Forecast => {
  const c = f.predictedCrossing;
  const nowMs = toMs(now);
  if (!c || !Number.isFinite(nowMs)) return f;
  return {
    ...f,
    predictedCrossing: { ...c, inSeconds: Math.max(0, Math.round((toMs(c.at) - nowMs) / 1000)) },
  };
};
