import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { fitHolt } from '../src/fit-holt.ts';
import { normalSource, simulateHolt } from '../src/simulate.ts';

const PYTHON = '/usr/bin/python3';
const OUR_REPEATS = 31;
const THEIR_REPEATS = 5;

interface BenchSeries {
  name: string;
  values: number[];
  damped: boolean;
}

interface StatsmodelsResult {
  name: string;
  sse: number;
  params: Record<string, number>;
  seconds: number;
  holtDefault?: { sse: number; params: Record<string, number>; seconds: number };
}

const AIR = [
  17.5534, 21.8601, 23.8866, 26.9293, 26.8885, 28.8314, 30.0751, 30.9535, 30.1857, 31.5797,
  32.577569, 33.477398, 39.021581, 41.386432, 41.596552,
];

/** Deterministic series covering the shapes the console forecasts. */
export const benchSeries = (): BenchSeries[] => {
  const noise = normalSource(2024);
  const trendNoise = Array.from({ length: 120 }, (_, t) => 50 + 0.8 * t + 3 * noise());
  const walk: number[] = [];
  let position = 100;
  for (let t = 0; t < 200; t++) {
    position += noise();
    walk.push(position);
  }
  // Memory in MB: steady with GC wobble, then a leak ramps it up.
  const memoryLeak = Array.from({ length: 288 }, (_, t) => {
    const leak = t < 180 ? 0 : 1.5 * (t - 180);
    return 512 + leak + 6 * Math.sin(t / 5) + 4 * noise();
  });
  const damped = simulateHolt({
    length: 150,
    alpha: 0.35,
    beta: 0.25,
    phi: 0.9,
    level0: 200,
    trend0: 4,
    sigma: 1.5,
    seed: 77,
  });
  const long = simulateHolt({
    length: 500,
    alpha: 0.2,
    beta: 0.05,
    level0: 1000,
    trend0: 0.5,
    sigma: 5,
    seed: 500,
  });
  return [
    { name: 'trend-noise', values: trendNoise, damped: false },
    { name: 'damped-trend', values: damped, damped: true },
    { name: 'random-walk', values: walk, damped: false },
    { name: 'memory-leak', values: memoryLeak, damped: false },
    { name: 'air-passengers', values: AIR, damped: false },
    { name: 'air-passengers', values: AIR, damped: true },
    { name: 'long-500', values: long, damped: false },
    { name: 'long-500', values: long, damped: true },
  ];
};

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

const timeOurs = (series: BenchSeries) => {
  const fit = () => fitHolt(series.values, { horizon: 24, damped: series.damped });
  for (let i = 0; i < 5; i++) fit(); // warm the JIT, as statsmodels' C extension is warm
  const times: number[] = [];
  let result = fit();
  for (let i = 0; i < OUR_REPEATS; i++) {
    const start = performance.now();
    result = fit();
    times.push(performance.now() - start);
  }
  return { fit: result, ms: median(times) };
};

const runPython = (script: string, input: string): Promise<string> =>
  new Promise((resolve, reject) => {
    const child = spawn(PYTHON, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(err.trim().split('\n').at(-1) ?? `exit ${code}`));
    });
    child.stdin.end(input);
  });

const defaultScript = (): string => join(dirname(fileURLToPath(import.meta.url)), 'statsmodels.py');

/**
 * Fits every bench series with ours and with statsmodels' Holt (spawned /usr/bin/python3)
 * and compares SSE and fit time. Returns `{ skipped }` when Python or statsmodels is missing.
 * `script` locates statsmodels.py when this module runs from a bundle elsewhere.
 */
export async function compareWithStatsmodels(script: string = defaultScript()): Promise<object> {
  if (!existsSync(PYTHON)) return { skipped: `${PYTHON} not found` };
  if (!existsSync(script)) return { skipped: `${script} not found` };
  const series = benchSeries();
  let theirs: { statsmodels: string; results: StatsmodelsResult[] };
  try {
    theirs = JSON.parse(
      await runPython(script, JSON.stringify({ repeats: THEIR_REPEATS, series })),
    );
  } catch (error) {
    return { skipped: `statsmodels unavailable: ${(error as Error).message}` };
  }
  const rows = series.map((entry, i) => {
    const ours = timeOurs(entry);
    const their = theirs.results[i];
    const statsmodelsSse = their?.sse ?? Number.NaN;
    const statsmodelsMs = (their?.seconds ?? Number.NaN) * 1000;
    return {
      series: entry.name,
      n: entry.values.length,
      damped: entry.damped,
      oursSse: ours.fit.sse,
      statsmodelsSse,
      sseRatio: ours.fit.sse / statsmodelsSse,
      oursMs: ours.ms,
      statsmodelsMs,
      timeRatio: ours.ms / statsmodelsMs,
      oursParams: {
        alpha: ours.fit.alpha,
        beta: ours.fit.beta,
        ...(ours.fit.phi === undefined ? {} : { phi: ours.fit.phi }),
      },
      statsmodelsParams: their?.params ?? {},
      ...(their?.holtDefault
        ? {
            statsmodelsHoltDefaultSse: their.holtDefault.sse,
            statsmodelsHoltDefaultPhi: their.holtDefault.params.damping_trend,
          }
        : {}),
    };
  });
  return {
    statsmodels: theirs.statsmodels,
    series: rows,
    summary: {
      allSseLeq: rows.every((row) => row.sseRatio <= 1 + 1e-9),
      maxSseRatio: Math.max(...rows.map((row) => row.sseRatio)),
      medianTimeRatio: median(rows.map((row) => row.timeRatio)),
      maxTimeRatio: Math.max(...rows.map((row) => row.timeRatio)),
    },
  };
}
