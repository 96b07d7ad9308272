import type { MetricName, MetricSample, PredictedRisk } from '@watchfloor/domain';
import { createSimulator, type SimFault, THRESHOLDS } from '@watchfloor/sim';
import {
  RiskDetector,
  type RiskDetectorOptions,
  thresholdsFromRules,
} from '../../packages/agents/src/predictiveops/index.ts';

/**
 * PredictiveOps on the simulator with default fault generation (all scenarios, noise on):
 * the detector sees only metric samples; ground truth is read here to score it.
 * - lead time: first real alert (root service, matching alert) − first prediction for that
 *   service/metric while the fault is active, for slow faults (memory_leak, disk_filling);
 * - recall: share of slow faults predicted before their first alert;
 * - precision: risk episodes that overlap a real fault on that service's metric between their
 *   first report and their predicted crossing / all episodes.
 */
const RUNS = 24;
const HOURS = 3;
const CHECK_EVERY = 3;
const SLOW: Partial<Record<SimFault['scenario'], { metric: MetricName; alerts: string[] }>> = {
  memory_leak: { metric: 'memory', alerts: ['MemoryPressure'] },
  disk_filling: { metric: 'disk', alerts: ['DiskWillFillSoon', 'DiskFull'] },
};

interface Episode {
  service: string;
  metric: MetricName;
  startMs: number;
  crossingMs: number;
  lastSeenMs: number;
}

interface RunResult {
  faults: number;
  slowWithAlert: number;
  predicted: number;
  leads: number[];
  /** Predicted crossing at the first report minus the real alert, seconds. */
  crossingErrors: number[];
  episodes: number;
  truePositives: number;
  falseByMetric: Record<string, number>;
  observeUs: number;
  observes: number;
  checkUs: number;
  checks: number;
}

const ms = (iso: string) => Date.parse(iso);

function run(seed: number, options: RiskDetectorOptions): RunResult {
  const sim = createSimulator({ seed });
  const detector = new RiskDetector(thresholdsFromRules(THRESHOLDS), options);
  const firstAlerts = new Map<string, number[]>(); // service|alertname -> firing times
  const open = new Map<string, Episode>();
  const episodes: Episode[] = [];
  let observeUs = 0;
  let observes = 0;
  let checkUs = 0;
  let checks = 0;
  const ticks = (HOURS * 3600) / 10;
  for (let tick = 1; tick <= ticks; tick++) {
    let at = '';
    for (const e of sim.step()) {
      if (e.type === 'metrics') {
        at = e.at;
        const t0 = performance.now();
        for (const s of e.samples) detector.observe(s);
        observeUs += (performance.now() - t0) * 1000;
        observes += e.samples.length;
      } else if (e.type === 'alert' && e.status === 'firing') {
        const key = `${e.labels.service}|${e.labels.alertname}`;
        const list = firstAlerts.get(key) ?? [];
        list.push(ms(e.at));
        firstAlerts.set(key, list);
      }
    }
    if (tick % CHECK_EVERY !== 0 || at === '') continue;
    const t0 = performance.now();
    const risks = detector.check(at);
    checkUs += (performance.now() - t0) * 1000;
    checks++;
    track(risks, ms(at), open, episodes);
  }
  const endMs = sim.now.getTime();
  return score(sim.faults, firstAlerts, episodes, endMs, {
    observeUs,
    observes,
    checkUs,
    checks,
  });
}

function track(risks: PredictedRisk[], nowMs: number, open: Map<string, Episode>, all: Episode[]) {
  for (const r of risks) {
    const key = `${r.service}|${r.metric}`;
    const known = open.get(key);
    if (known) {
      known.lastSeenMs = nowMs;
      continue;
    }
    const episode = {
      service: r.service,
      metric: r.metric,
      startMs: nowMs,
      crossingMs: ms(r.predictedCrossingAt),
      lastSeenMs: nowMs,
    };
    open.set(key, episode);
    all.push(episode);
  }
  for (const [key, e] of open) if (e.lastSeenMs !== nowMs) open.delete(key);
}

function score(
  faults: readonly SimFault[],
  alerts: Map<string, number[]>,
  episodes: Episode[],
  endMs: number,
  timing: Pick<RunResult, 'observeUs' | 'observes' | 'checkUs' | 'checks'>,
): RunResult {
  const leads: number[] = [];
  const crossingErrors: number[] = [];
  let slowWithAlert = 0;
  let predicted = 0;
  for (const f of faults) {
    const slow = SLOW[f.scenario];
    if (!slow) continue;
    const start = ms(f.startedAt);
    const end = f.endedAt ? ms(f.endedAt) : endMs;
    const alertAt = Math.min(
      ...slow.alerts.flatMap((name) =>
        (alerts.get(`${f.rootService}|${name}`) ?? []).filter((t) => t >= start && t <= end),
      ),
    );
    if (!Number.isFinite(alertAt)) continue;
    slowWithAlert++;
    const first = episodes.find(
      (e) =>
        e.service === f.rootService &&
        e.metric === slow.metric &&
        e.startMs >= start &&
        e.startMs < alertAt,
    );
    if (!first) continue;
    predicted++;
    leads.push((alertAt - first.startMs) / 1000);
    crossingErrors.push((first.crossingMs - alertAt) / 1000);
  }
  let truePositives = 0;
  const falseByMetric: Record<string, number> = {};
  for (const e of episodes) {
    const hit = faults.some((f) => {
      const slow = SLOW[f.scenario];
      if (!slow || slow.metric !== e.metric || f.rootService !== e.service) return false;
      const start = ms(f.startedAt);
      const end = f.endedAt ? ms(f.endedAt) : endMs;
      return start <= Math.max(e.crossingMs, e.startMs) && end >= e.startMs;
    });
    if (hit) truePositives++;
    else falseByMetric[e.metric] = (falseByMetric[e.metric] ?? 0) + 1;
  }
  return {
    faults: faults.length,
    slowWithAlert,
    predicted,
    leads,
    crossingErrors,
    episodes: episodes.length,
    truePositives,
    falseByMetric,
    ...timing,
  };
}

/** Detector cost alone for an estate of `services` over `hours` (samples drawn beforehand). */
function timing(services: number, hours: number, options: RiskDetectorOptions) {
  const sim = createSimulator({ seed: 7, services });
  const ticks: { at: string; samples: MetricSample[] }[] = [];
  for (let tick = 0; tick < (hours * 3600) / 10; tick++) {
    for (const e of sim.step()) if (e.type === 'metrics') ticks.push(e);
  }
  const detector = new RiskDetector(thresholdsFromRules(THRESHOLDS), options);
  let observeMs = 0;
  let checkMs = 0;
  let checks = 0;
  ticks.forEach((tick, i) => {
    const t0 = performance.now();
    for (const s of tick.samples) detector.observe(s);
    observeMs += performance.now() - t0;
    if ((i + 1) % CHECK_EVERY !== 0) return;
    const t1 = performance.now();
    detector.check(tick.at);
    checkMs += performance.now() - t1;
    checks++;
  });
  const perTickUs = ((observeMs + checkMs / CHECK_EVERY) * 1000) / ticks.length;
  return {
    services,
    virtualHours: hours,
    usPerObserve: round((observeMs * 1000) / (ticks.length * services), 3),
    usPerCheck: round((checkMs * 1000) / checks, 3),
    usPerTick: round(perTickUs, 1),
    maxTicksPerWallSecond: Math.floor(1e6 / perTickUs),
    refits: detector.stats().refits,
  };
}

const quantile = (sorted: number[], q: number): number | null => {
  if (sorted.length === 0) return null;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return round((sorted[lo] ?? 0) + ((sorted[hi] ?? 0) - (sorted[lo] ?? 0)) * (pos - lo), 1);
};
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;

function main() {
  const options: RiskDetectorOptions = {};
  const results = Array.from({ length: RUNS }, (_, i) => run(i + 1, options));
  const sum = (f: (r: RunResult) => number) => results.reduce((a, r) => a + f(r), 0);
  const leads = results.flatMap((r) => r.leads).sort((a, b) => a - b);
  const errors = results.flatMap((r) => r.crossingErrors).sort((a, b) => a - b);
  const falseByMetric: Record<string, number> = {};
  for (const r of results) {
    for (const [m, n] of Object.entries(r.falseByMetric))
      falseByMetric[m] = (falseByMetric[m] ?? 0) + n;
  }
  const episodes = sum((r) => r.episodes);
  const slow = sum((r) => r.slowWithAlert);
  process.stdout.write(
    `${JSON.stringify({
      runs: RUNS,
      virtualHoursPerRun: HOURS,
      services: 36,
      faults: sum((r) => r.faults),
      slowFaultsWithAlert: slow,
      slowFaultsPredictedBeforeAlert: sum((r) => r.predicted),
      recall: round(sum((r) => r.predicted) / Math.max(1, slow)),
      leadSeconds: {
        p10: quantile(leads, 0.1),
        median: quantile(leads, 0.5),
        p90: quantile(leads, 0.9),
      },
      predictedCrossingMinusAlertSeconds: {
        p10: quantile(errors, 0.1),
        median: quantile(errors, 0.5),
        p90: quantile(errors, 0.9),
      },
      riskEpisodes: episodes,
      truePositiveEpisodes: sum((r) => r.truePositives),
      falsePositivesByMetric: falseByMetric,
      precision: round(sum((r) => r.truePositives) / Math.max(1, episodes)),
      usPerObserve36: round(
        sum((r) => r.observeUs) /
          Math.max(
            1,
            sum((r) => r.observes),
          ),
        3,
      ),
      usPerCheck36: round(
        sum((r) => r.checkUs) /
          Math.max(
            1,
            sum((r) => r.checks),
          ),
        3,
      ),
      timing: [timing(36, 2, options), timing(500, 2, options)],
    })}\n`,
  );
}

main();
