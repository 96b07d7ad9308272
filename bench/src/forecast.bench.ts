import { buildForecast, MetricHistory, thresholdsFromRules } from '@watchfloor/agents';
import { createSimulator, THRESHOLDS } from '@watchfloor/sim';

/**
 * Forecast refit of every series: a MetricHistory (PredictiveOps) filled with 24 virtual hours
 * of simulator metrics (default faults and noise, one sample per service every 10 s, so 288
 * five-minute buckets per series), then buildForecast for every service × metric as a cold
 * refit (what GET /api/forecasts costs when every series has gained a bucket), with the
 * threshold the engine uses for that metric. 36 services (the default estate) and 500.
 */
const HOURS = 24;

function fill(services: number): { history: MetricHistory; at: string; seconds: number } {
  const sim = createSimulator({ seed: 3, services, start: new Date('2026-01-05T00:00:00Z') });
  const history = new MetricHistory();
  let at = '';
  const started = performance.now();
  for (let tick = 0; tick < (HOURS * 3600) / 10; tick++) {
    for (const e of sim.step()) {
      if (e.type !== 'metrics') continue;
      at = e.at;
      for (const s of e.samples) history.add(s);
    }
  }
  return { history, at, seconds: (performance.now() - started) / 1000 };
}

function refit(services: number, rounds: number) {
  const { history, at, seconds } = fill(services);
  const series = history.series();
  const thresholds = new Map(
    series.map((s) => [s.metric, thresholdsFromRules(THRESHOLDS, [s.metric])[s.metric] ?? null]),
  );
  const totals: number[] = [];
  let built = 0;
  let buckets = 0;
  for (let r = 0; r < rounds; r++) {
    built = 0;
    const started = performance.now();
    for (const { service, metric } of series) {
      const f = buildForecast(history, service, metric, {
        now: at,
        threshold: thresholds.get(metric) ?? null,
      });
      if (f) {
        built++;
        buckets = f.actual.length;
      }
    }
    totals.push(performance.now() - started);
  }
  totals.sort((a, b) => a - b);
  const median = totals[Math.floor(totals.length / 2)] ?? 0;
  return {
    services,
    virtualHours: HOURS,
    series: series.length,
    forecastsBuilt: built,
    bucketsPerSeries: buckets,
    rounds,
    msTotalMedian: round(median, 1),
    msPerSeries: round(median / Math.max(1, series.length), 3),
    /** GET /api/forecasts (default page of 50) when every series on it has a new bucket. */
    msPerColdPageOf50: round((median / Math.max(1, series.length)) * 50, 1),
    historyFillWallSeconds: round(seconds, 2),
  };
}

const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

const runs = [refit(36, 5), refit(500, 1)];
process.stdout.write(
  `${JSON.stringify({
    runs,
    note: 'cold refit: buildForecast (Holt vs damped Holt by AIC, 288 buckets, 24 h horizon) for every series; median of rounds',
  })}\n`,
);
