import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import { Engine } from '@watchfloor/engine';
import {
  createMemoryRepository,
  openRepository,
  type Repository,
  type RetentionWindows,
  retentionPolicy,
} from '@watchfloor/kb';

/**
 * Soak: the engine as the server runs it (default 36-service estate, faults every 30-60 s,
 * agents and learning on) driven at maximum speed with engine.advance in 10-virtual-minute
 * chunks, sampling every virtual hour:
 * - heap: process.memoryUsage().heapUsed after a forced GC (run.mjs passes --expose-gc);
 * - data dir: bytes on disk (du) of the embedded store's temp dir, as found and again after a
 *   compaction (the plateau is judged on the latter: see `disk`).
 * Memory store: 36 virtual hours (its records live in the heap, so its heap includes the
 * knowledge base itself). Embedded store (dynalite on LevelDB in this process, records on
 * disk): 36 virtual hours or as many whole hours as fit in EMBEDDED_BUDGET_S of wall time.
 * 36, not 24: V8's own compiled code and feedback keep growing slowly until rarely taken
 * paths have all run (a 48-hour run is flat from about hour 30); the verdict over the first
 * 24 hours is reported as well (`heapFirst24h`).
 * Plateau: the least-squares slope over the last 8 h below 10 % of the slope over the first
 * 8 h (nine hourly samples each). A slope, not the difference of two samples: V8's code
 * space and old space wobble by ±0.5 MB from one hour to the next, which alone could swing
 * a two-point difference past a 0.3 MB bar. The two-point growths are reported as well.
 * Retention: the default windows (7 days closed, 30 days audit) cannot reach a steady state
 * within 24 h, so this run keeps closed records SOAK_RETENTION_HOURS (2) and audit events
 * SOAK_AUDIT_RETENTION_HOURS (4) virtual hours, and reports them.
 */
const HOURS = Number(process.env.SOAK_HOURS ?? 36);
const EMBEDDED_BUDGET_S = Number(process.env.SOAK_EMBEDDED_BUDGET_S ?? 240);
const TICKS_PER_HOUR = 360;
const CHUNK = 60;
const SEED = 20261124;
const RETENTION: RetentionWindows = {
  closedHours: Number(process.env.SOAK_RETENTION_HOURS ?? 2),
  auditHours: Number(process.env.SOAK_AUDIT_RETENTION_HOURS ?? 4),
};
const MB = 2 ** 20;

const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  gc?.();
  gc?.();
  return round(process.memoryUsage().heapUsed / MB, 1);
};

/** Bytes allocated on disk under `dir`, as du counts them. */
function du(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += du(path);
    else total += statSync(path).blocks * 512;
  }
  return total;
}

/** V8's code space (compiled code, which grows and shrinks as V8 optimises and flushes). */
const codeSpaceMB = () =>
  round(
    (v8.getHeapSpaceStatistics().find((s) => s.space_name === 'code_space')?.space_used_size ?? 0) /
      MB,
    2,
  );

/**
 * The data dir as found (LevelDB's write-ahead log fills to its 4 MB write buffer and a
 * compaction briefly holds old and new files, so this saws up and down), then settled: after
 * a compaction, which is what the stored data takes.
 */
async function disk(repo: Repository, dir: string) {
  const dataDirMB = round(du(dir) / MB, 2);
  await repo.compactNow?.();
  return { dataDirMB, dataDirSettledMB: round(du(dir) / MB, 2) };
}

interface Sample {
  hour: number;
  wallSeconds: number;
  heapMB: number;
  codeSpaceMB: number;
  dataDirMB?: number;
  dataDirSettledMB?: number;
  alerts: number;
  incidents: number;
}

async function soak(repo: Repository, opts: { dataDir?: string; budgetS: number }) {
  const engine = new Engine({
    repo,
    seed: SEED,
    start: new Date('2026-01-05T00:00:00.000Z'),
    clock: { now: () => 0 },
  });
  await engine.init();
  const samples: Sample[] = [];
  const started = performance.now();
  const sample = async (hour: number) => {
    const counters = await repo.getCounters();
    samples.push({
      hour,
      wallSeconds: round((performance.now() - started) / 1000, 1),
      heapMB: heapMB(),
      codeSpaceMB: codeSpaceMB(),
      ...(opts.dataDir ? await disk(repo, opts.dataDir) : {}),
      alerts: counters.alertsReceived ?? 0,
      incidents: counters.incidentsOpened ?? 0,
    });
  };
  await sample(0);
  let hour = 0;
  while (hour < HOURS) {
    const hourStarted = performance.now();
    for (let t = 0; t < TICKS_PER_HOUR; t += CHUNK) await engine.advance(CHUNK);
    hour++;
    await sample(hour);
    const elapsed = (performance.now() - started) / 1000;
    const lastHour = (performance.now() - hourStarted) / 1000;
    // Stop before an hour that would not fit in the budget.
    if (elapsed + lastHour * 1.2 > opts.budgetS) break;
  }
  // The engine and simulator hold active faults and the most recent ended ones (the store has
  // the rest): `count` stays bounded while `started` grows.
  const faults = engine.faults();
  const engineFaultsHeld = {
    started: engine.state().faultsInjected,
    count: faults.length,
    jsonKB: round(JSON.stringify(faults).length / 1024, 0),
  };
  // Patch plans: live and recently ended ones whole, the last 300 in brief (the store has all).
  const enginePlansHeld = {
    whole: engine.patches().length,
    summarised: engine.patchSummaries().length,
  };
  await engine.close();
  const wall = (performance.now() - started) / 1000;
  return { hours: hour, wallSeconds: round(wall, 1), samples, engineFaultsHeld, enginePlansHeld };
}

const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;

/** Least-squares slope per virtual hour over the samples from `fromHour`. */
function slope(points: { hour: number; value: number }[], fromHour: number): number {
  const p = points.filter((q) => q.hour >= fromHour);
  const n = p.length;
  if (n < 2) return 0;
  const mx = p.reduce((a, q) => a + q.hour, 0) / n;
  const my = p.reduce((a, q) => a + q.value, 0) / n;
  const sxy = p.reduce((a, q) => a + (q.hour - mx) * (q.value - my), 0);
  const sxx = p.reduce((a, q) => a + (q.hour - mx) ** 2, 0);
  return sxx === 0 ? 0 : sxy / sxx;
}

/** Plateau verdict on a series sampled every hour from hour 0. */
function plateau(points: { hour: number; value: number }[]) {
  const last = points.at(-1)?.hour ?? 0;
  const at = (h: number) => points.find((q) => q.hour === h)?.value ?? 0;
  if (last < 16) {
    return {
      hours: last,
      slopePerHour: round(slope(points, Math.floor(last / 2)), 3),
      verdict: 'too short to judge (< 16 h)',
    };
  }
  const first8 = at(8) - at(0);
  const last8 = at(last) - at(last - 8);
  const slopeFirst = slope(
    points.filter((q) => q.hour <= 8),
    0,
  );
  const slopeLast = slope(points, last - 8);
  const ratio = slopeFirst > 0 ? slopeLast / slopeFirst : null;
  return {
    hours: last,
    growthFirst8h: round(first8, 2),
    growthLast8h: round(last8, 2),
    growthRatio: first8 > 0 ? round(last8 / first8, 3) : null,
    slopeFirst8hPerHour: round(slopeFirst, 3),
    slopeLast8hPerHour: round(slopeLast, 3),
    ratio: ratio === null ? null : round(ratio, 3),
    plateaus: ratio !== null && ratio < 0.1,
  };
}

async function main() {
  const memory = await soak(createMemoryRepository({ retention: retentionPolicy(RETENTION) }), {
    budgetS: Number.POSITIVE_INFINITY,
  });
  const firstDay = (samples: Sample[]) =>
    plateau(samples.filter((q) => q.hour <= 24).map((q) => ({ hour: q.hour, value: q.heapMB })));
  const heapMemory = plateau(memory.samples.map((s) => ({ hour: s.hour, value: s.heapMB })));
  // Detail only (the verdict is on the whole heap): the heap less V8's code space.
  const withoutCode = (samples: Sample[]) =>
    plateau(samples.map((s) => ({ hour: s.hour, value: s.heapMB - s.codeSpaceMB })));

  const dataDir = mkdtempSync(join(os.tmpdir(), 'watchfloor-soak-'));
  let embedded: Awaited<ReturnType<typeof soak>>;
  let dataDirAfterReopenMB: number | null = null;
  try {
    const repo = await openRepository({ store: 'embedded', dataDir, retention: RETENTION });
    try {
      embedded = await soak(repo, { dataDir, budgetS: EMBEDDED_BUDGET_S });
    } finally {
      await repo.close();
    }
    // Reopening lets LevelDB compact: what the data dir holds once overwritten and deleted
    // rows (incidents rewritten per alert, pruned logs) are dropped.
    const reopened = await openRepository({ store: 'embedded', dataDir });
    await reopened.listIncidents({ limit: 1 });
    await new Promise((r) => setTimeout(r, 3000));
    await reopened.close();
    dataDirAfterReopenMB = round(du(dataDir) / MB, 2);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
  const heapEmbedded = plateau(embedded.samples.map((s) => ({ hour: s.hour, value: s.heapMB })));
  const diskAsFound = plateau(
    embedded.samples.map((s) => ({ hour: s.hour, value: s.dataDirMB ?? 0 })),
  );
  const diskSettled = plateau(
    embedded.samples.map((s) => ({ hour: s.hour, value: s.dataDirSettledMB ?? 0 })),
  );
  const lastDisk = embedded.samples.at(-1);
  process.stdout.write(
    `${JSON.stringify({
      services: 36,
      seed: SEED,
      retention: {
        ...RETENTION,
        logs: 'newest 20,000',
        note: 'virtual hours; shorter than the 168 h / 720 h defaults so 24 h can reach a steady state',
      },
      memoryStore: {
        ...memory,
        virtualHoursPerWallSecond: round(memory.hours / memory.wallSeconds, 2),
        heap: heapMemory,
        heapFirst24h: firstDay(memory.samples),
        heapLessCodeSpace: withoutCode(memory.samples),
        note: 'the memory store keeps every record in the heap, so this heap includes the knowledge base',
      },
      embeddedStore: {
        ...embedded,
        budgetSeconds: EMBEDDED_BUDGET_S,
        virtualHoursPerWallSecond: round(embedded.hours / embedded.wallSeconds, 3),
        heap: heapEmbedded,
        heapFirst24h: firstDay(embedded.samples),
        heapLessCodeSpace: withoutCode(embedded.samples),
        dataDir: {
          ...diskSettled,
          note: 'judged after a compaction at each hourly sample (what the stored data takes); asFound is the raw du before it, with its peak',
          asFound: {
            ...diskAsFound,
            peakMB: Math.max(...embedded.samples.map((s) => s.dataDirMB ?? 0)),
          },
        },
        dataDirAfterReopenMB,
        dataDirKBPerAlert:
          lastDisk && lastDisk.alerts > 0
            ? round(((lastDisk.dataDirMB ?? 0) * 1024) / lastDisk.alerts, 2)
            : null,
      },
    })}\n`,
  );
}

await main();
