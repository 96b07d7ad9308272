import os from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Engine, engineActor } from '@watchfloor/engine';
import { createMemoryRepository } from '@watchfloor/kb';
import { mainThreadCpuMs } from './thread-cpu.ts';

/**
 * The engine as the server runs it (simulator, agents and learning on, faults every 30-60 s)
 * on estates of 36, 500 and 5,000 services, memory store, driven at full speed one tick at a
 * time: what the loop runs per wall tick at 1x, and between requests at any speed (the loop
 * lets requests in after ~30 ms of ticks). Per estate:
 * - virtual seconds per wall second over the run (a store write per tick included);
 * - each tick's wall time and main-thread CPU time (p50, p99, max, and which tick): on a busy
 *   machine the wall figure includes time spent waiting for a core, the CPU figure does not;
 * - forecast models: series, how many have a fitted model, fits done (a bounded few per tick);
 * - then the engine's own timer loop at 3600x for a few wall seconds: how fast it goes and how
 *   late the event loop runs meanwhile (the loop lets requests in every ~30 ms of ticks).
 * Targets: 5,000 services keep up with real time (≥ 1 virtual s per wall s, i.e. 1x) and no
 * tick blocks the loop for 100 ms or more.
 */
const RUNS: readonly { services: number; hours: number }[] = [
  { services: 36, hours: 6 },
  { services: 500, hours: 4 },
  { services: 5000, hours: Number(process.env.ENGINE_SCALE_5000_HOURS ?? 2) },
];
const TICK_SECONDS = 10;
const LIVE_SECONDS = 5;
const SEED = 20261124;

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

function spread(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const max = sorted.at(-1) ?? 0;
  return {
    p50: round(at(0.5)),
    p99: round(at(0.99)),
    max: round(max),
    worstTick: values.indexOf(max),
  };
}

async function measure(services: number, hours: number) {
  const initStarted = performance.now();
  // Still while ticks are driven one by one; the wall clock for the live loop afterwards.
  let live = false;
  const engine = new Engine({
    repo: createMemoryRepository(),
    seed: SEED,
    start: new Date('2026-01-05T00:00:00.000Z'),
    clock: { now: () => (live ? performance.now() : 0) },
    simulator: { services },
  });
  await engine.init();
  const initSeconds = (performance.now() - initStarted) / 1000;
  const ticks = (hours * 3600) / TICK_SECONDS;
  const wall: number[] = [];
  const cpu: number[] = [];
  const started = performance.now();
  for (let t = 0; t < ticks; t++) {
    const w0 = performance.now();
    const c0 = mainThreadCpuMs();
    await engine.advance(1);
    cpu.push(mainThreadCpuMs() - c0);
    wall.push(performance.now() - w0);
  }
  const seconds = (performance.now() - started) / 1000;
  const state = engine.state();
  const forecast = engine.forecastStats();
  live = true;
  const loop = await liveLoop(engine);
  await engine.close();
  return {
    services,
    virtualHours: hours,
    wallSeconds: round(seconds, 2),
    initSeconds: round(initSeconds, 2),
    virtualSecondsPerWallSecond: round((hours * 3600) / seconds),
    tickWallMs: spread(wall),
    tickMainThreadCpuMs: spread(cpu),
    ticksOver100MsWall: wall.filter((ms) => ms >= 100).length,
    liveLoop: loop,
    faults: state.faultsInjected,
    alerts: state.alertsEmitted,
    actions: engine.tasks().length,
    forecast,
    heapMB: round(process.memoryUsage().heapUsed / 2 ** 20, 0),
  };
}

/**
 * The engine's own timer loop at the highest speed (3600x) for LIVE_SECONDS of wall time:
 * how far it gets, and how late the event loop answers meanwhile (what a request waits).
 */
async function liveLoop(engine: Engine) {
  const ticksBefore = engine.state().ticks;
  await engine.setSpeed(3600, engineActor);
  await engine.setRunning(true, engineActor);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  engine.startTimer();
  await new Promise((resolve) => setTimeout(resolve, LIVE_SECONDS * 1000));
  delay.disable();
  await engine.setRunning(false, engineActor);
  const ms = (ns: number) => round(ns / 1e6);
  return {
    wallSeconds: LIVE_SECONDS,
    virtualSecondsPerWallSecond: round(
      ((engine.state().ticks - ticksBefore) * TICK_SECONDS) / LIVE_SECONDS,
    ),
    eventLoopDelayMs: {
      p50: ms(delay.percentile(50)),
      p99: ms(delay.percentile(99)),
      max: ms(delay.max),
    },
  };
}

const loadBefore = os.loadavg()[0] ?? 0;
const runs = [];
for (const { services, hours } of RUNS) runs.push(await measure(services, hours));
const largest = runs.at(-1);
process.stdout.write(
  `${JSON.stringify({
    seed: SEED,
    runs,
    targets: {
      realTime: '5,000 services: ≥ 1 virtual second per wall second (keeps up at 1x)',
      worstTick: '5,000 services: every tick < 100 ms wall',
      responsive: '5,000 services at 3600x: event loop never late by 100 ms or more',
    },
    met: {
      realTime: (largest?.virtualSecondsPerWallSecond ?? 0) >= 1,
      worstTick: (largest?.tickWallMs.max ?? Number.POSITIVE_INFINITY) < 100,
      worstTickMainThreadCpu: (largest?.tickMainThreadCpuMs.max ?? Number.POSITIVE_INFINITY) < 100,
      responsive: (largest?.liveLoop.eventLoopDelayMs.max ?? Number.POSITIVE_INFINITY) < 100,
    },
    loadAverage: { before: round(loadBefore, 2), after: round(os.loadavg()[0] ?? 0, 2) },
  })}\n`,
);
