import { AlertCorrelator } from '@watchfloor/agents';
import type { Topology } from '@watchfloor/domain';
import { createSimulator, type Simulator } from '@watchfloor/sim';
import { type Feed, prng, toAlert } from './storms.ts';

/**
 * Correlator throughput and memory under load (the correlation bench's last two sections):
 * every alert is added and its incident assessed, as the engine's desk does.
 */
const ALERTS = 10_000;
const SERVICES = 500;
/** Alerts/s are also reported per slice of this many, to show whether they hold up. */
const SLICE = 2_000 as const;
const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const gc = (globalThis as { gc?: () => void }).gc;
const heapMB = () => {
  gc?.();
  return process.memoryUsage().heapUsed / 2 ** 20;
};

/** Runs a feed through a fresh correlator; with `forgetMs`, forgets as the engine would. */
function correlate(topology: Topology, feed: readonly Feed[], forgetMs?: number) {
  // Warm up on the first slice in a throwaway correlator, so the first slice is not timed cold.
  const warm = new AlertCorrelator({ topology });
  for (const item of feed.slice(0, SLICE))
    if (item.kind === 'fire') warm.assess(warm.add(item.alert).incidentKey);
  const heapBefore = heapMB();
  const correlator = new AlertCorrelator({ topology });
  const bySlice: number[] = [];
  let fired = 0;
  let forgotten = 0;
  let lastForget = 0;
  let peakHeld = 0;
  const started = performance.now();
  let sliceStarted = started;
  for (const item of feed) {
    if (item.kind === 'resolve') {
      correlator.resolve(item.id, item.at);
      continue;
    }
    const { incidentKey } = correlator.add(item.alert);
    correlator.assess(incidentKey);
    if (++fired % SLICE === 0) {
      const now = performance.now();
      bySlice.push(Math.round(SLICE / ((now - sliceStarted) / 1000)));
      sliceStarted = now;
    }
    peakHeld = Math.max(peakHeld, correlator.alertCount);
    const at = Date.parse(item.alert.startsAt);
    // As the engine would: every 5 virtual minutes, forget what resolved `forgetMs` ago.
    if (forgetMs !== undefined && at - lastForget >= 5 * 60_000) {
      lastForget = at;
      forgotten += correlator.forget(new Date(at - forgetMs).toISOString()).length;
    }
  }
  const seconds = (performance.now() - started) / 1000;
  // Retained: what the correlator holds once garbage is collected (it is still referenced).
  const heapAfter = heapMB();
  return {
    alerts: fired,
    wallSeconds: round(seconds),
    alertsPerSecond: Math.round(fired / seconds),
    alertsPerSecondBy2000: bySlice,
    heapUsedMB: round(heapAfter, 1),
    heapRetainedMB: round(heapAfter - heapBefore, 1),
    peakAlertsHeld: peakHeld,
    alertsHeldAtEnd: correlator.alertCount,
    incidentsHeldAtEnd: correlator.incidentCount,
    ...(forgetMs !== undefined ? { incidentsForgotten: forgotten } : {}),
  };
}

/** Alerts/s of the last slice over the first: 1 is flat, under 1 slows as alerts pile up. */
export const flatness = (bySlice: readonly number[]): number =>
  (bySlice.at(-1) ?? 0) / Math.max(1, bySlice[0] ?? 0);

const virtualHours = (sim: Simulator) => round(sim.ticks / 360, 2);

/** 10,000 alerts from a 500-service estate with faults generated every 30-60 s. */
export function throughput() {
  const sim = createSimulator({ seed: 7, services: SERVICES });
  const feed: Feed[] = [];
  let fired = 0;
  while (fired < ALERTS) {
    for (const e of sim.step()) {
      if (e.type !== 'alert') continue;
      if (e.status === 'resolved') feed.push({ kind: 'resolve', id: e.key, at: e.endsAt ?? e.at });
      else if (fired < ALERTS) {
        fired++;
        feed.push({ kind: 'fire', alert: toAlert(e) });
      }
    }
  }
  return {
    services: SERVICES,
    virtualHours: virtualHours(sim),
    ...correlate(sim.topology, feed, 30 * 60_000),
    note: 'each alert is added and its incident assessed; forget runs every 5 virtual minutes',
  };
}

/**
 * A 10,000-alert storm none of which resolves: four faults injected every 10 virtual seconds
 * on random services of a 500-service estate (about 760 faults over half an hour), so every
 * alert is still firing at the end and the correlator holds all of them.
 */
export function storm() {
  const sim = createSimulator({ seed: 7, services: SERVICES, faultGeneration: false });
  const random = prng(99);
  const ids = sim.topology.services.map((s) => s.id);
  const feed: Feed[] = [];
  let faults = 0;
  while (feed.length < ALERTS) {
    for (let k = 0; k < 4; k++) {
      const root = ids[Math.floor(random() * ids.length)] ?? '';
      const scenarios = sim.scenariosFor(root);
      const scenario = scenarios[Math.floor(random() * scenarios.length)];
      if (!scenario) continue;
      sim.injectFault(scenario, root);
      faults++;
    }
    for (const e of sim.step()) {
      if (e.type === 'alert' && e.status !== 'resolved' && feed.length < ALERTS)
        feed.push({ kind: 'fire', alert: toAlert(e) });
    }
  }
  return {
    services: SERVICES,
    faults,
    virtualMinutes: round(sim.ticks / 6, 1),
    ...correlate(sim.topology, feed),
    note: 'no alert resolves: every alert fires at the end; each is added and its incident assessed',
  };
}
