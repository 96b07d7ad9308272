import {
  ForecastCache,
  ForecastModels,
  MetricHistory,
  RiskDetector,
  thresholdsFromRules,
} from '@watchfloor/agents';
import type { Alert, Forecast, MetricName, MetricSample, PredictedRisk } from '@watchfloor/domain';
import { THRESHOLDS } from '@watchfloor/sim';
import type { AutopilotContext } from './autopilot.ts';
import type { BatchBuilder } from './batch.ts';

/**
 * Forecast-model refits per tick, in REFIT_COST units (a refit from the previous model ~0.5
 * ms, one from scratch ~2 ms): at most ~12 ms a tick however large the estate (24 leaves
 * room for a GC pause under the 50 ms a tick may block). Each series is refit hourly as far
 * as the budget allows: 36 services (216 series) are all fitted within 36 ticks of their
 * fourth bucket; 5,000 services (30,000 series) within 5,000 ticks (~14 virtual hours), then
 * refit every ~3.5 h. Forecasts follow every bucket regardless.
 */
export const FORECAST_REFIT_BUDGET = 24;
/** One extra warm-up sample of spread per this many services (none for the default 36). */
const WARMUP_SPREAD_PER_SERVICES = 400;
/** Built forecasts kept for repeated reads (~1,000 points each; rebuilt from a model in ~0.1 ms). */
const FORECAST_CACHE_ENTRIES = 500;

const predictedAlertName: Partial<Record<MetricName, string>> = {
  memory: 'PredictedMemoryExhaustion',
  disk: 'PredictedDiskFull',
};

type PredictiveContext = Pick<AutopilotContext, 'sim' | 'now' | 'fireAlert' | 'clearAlert' | 'log'>;

/**
 * PredictiveOps: metric history and forecast models per series, and the risk detector whose
 * risks become predicted alerts (raised while a risk holds, cleared when it goes).
 */
export class Predictive {
  /** Bucket means only: nothing reads raw samples, and 5,000 services × 1 h of them is 100 MB. */
  readonly history = new MetricHistory({ rawCapacity: 0 });
  readonly forecastModels = new ForecastModels();
  readonly #detector: RiskDetector;
  readonly #forecasts = new ForecastCache(FORECAST_CACHE_ENTRIES);
  readonly #risks = new Map<string, { risk: PredictedRisk; alert: Alert }>();

  constructor(private readonly ctx: PredictiveContext) {
    // A large estate warms its series up over a few ticks rather than all in one.
    const services = ctx.sim().topology.services.length;
    this.#detector = new RiskDetector(thresholdsFromRules(THRESHOLDS), {
      warmupSpread: Math.min(12, Math.floor(services / WARMUP_SPREAD_PER_SERVICES)),
    });
  }

  /** Sets up history and trackers for the estate, so the first tick does not allocate them all. */
  prepare(services: readonly string[]): void {
    for (const service of services) {
      this.history.track(service);
      this.#detector.track(service);
    }
  }

  /** Every metrics sample: history for forecasts, the detector for predicted risks. */
  observe(samples: readonly MetricSample[]): void {
    this.history.addAll(samples);
    this.#detector.observeAll(samples);
  }

  /** A tick's share of forecast-model refits (within FORECAST_REFIT_BUDGET). */
  refit(): void {
    this.forecastModels.refitDue(this.history, FORECAST_REFIT_BUDGET);
  }

  forecast(service: string, metric: MetricName): Forecast | null {
    const threshold = thresholdsFromRules(THRESHOLDS, [metric])[metric] ?? null;
    // A series the background refits have not reached yet is fitted in full here, once per bucket.
    const model = this.forecastModels.get(this.history, service, metric);
    return this.#forecasts.get(this.history, service, metric, {
      now: this.ctx.now(),
      threshold,
      model,
    });
  }

  predictedRisks(): PredictedRisk[] {
    return [...this.#risks.values()].map((r) => r.risk);
  }

  /** Raises a predicted alert for each new risk and clears those of risks gone. */
  checkRisks(batch: BatchBuilder): void {
    const now = this.ctx.now();
    const current = new Map(this.#detector.check(now).map((r) => [`${r.service}|${r.metric}`, r]));
    for (const [key, held] of this.#risks) {
      if (current.has(key)) continue;
      this.ctx.clearAlert(held.alert, batch);
      this.#risks.delete(key);
    }
    for (const [key, risk] of current) {
      const held = this.#risks.get(key);
      if (held) {
        held.risk = risk;
        continue;
      }
      const alertname = predictedAlertName[risk.metric];
      const service = this.ctx.sim().topology.services.find((s) => s.id === risk.service);
      if (!alertname || !service) continue;
      const minutes = Math.max(1, Math.round(risk.inSeconds / 60));
      const alert = this.ctx.fireAlert(
        {
          fingerprint: `predictive:${key}`,
          status: 'firing',
          labels: {
            alertname,
            service: risk.service,
            severity: 'warning',
            region: service.region,
            predicted: 'true',
          },
          annotations: {
            summary: `${risk.metric} of ${risk.service} is predicted to cross ${pct(risk.threshold)} in ~${minutes} min`,
            description: `now ${pct(risk.current)}, rising ${pct(risk.trendPerMinute)}/min; confidence ${Math.round(risk.confidence * 100)}%`,
          },
          startsAt: now,
          endsAt: null,
          receivedAt: now,
          source: 'predictive',
        },
        batch,
      );
      this.#risks.set(key, { risk, alert });
      this.ctx.log(
        'warn',
        'predictiveops',
        `${alert.labels.alertname}: ${alert.annotations.summary}`,
        batch,
      );
    }
  }
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
