import type { Alert, Topology } from '@watchfloor/domain';
import { createSimulator, type SimEvent, type SimFault, type Simulator } from '@watchfloor/sim';

type AlertEvent = Extract<SimEvent, { type: 'alert' }>;

/** What the correlator sees, in order: firing alerts and resolutions. */
export type Feed = { kind: 'fire'; alert: Alert } | { kind: 'resolve'; id: string; at: string };

export interface Storm {
  seed: number;
  services: number;
  topology: Topology;
  faults: SimFault[];
  feed: Feed[];
  alerts: Alert[];
  /** Ground truth clusters: one per fault, per flapping series, per blip. */
  truth: string[][];
  faultOf: ReadonlyMap<string, string>;
}

export interface StormPlan {
  seed: number;
  services: number;
  /** Faults injected, 2..5. */
  faults: number;
  /** Faults start at random ticks in [firstMinute, lastMinute]. */
  firstMinute: number;
  lastMinute: number;
  /** Virtual minutes simulated in all (faults end and alerts resolve well before). */
  minutes: number;
}

/** mulberry32: a tiny seeded PRNG for choosing faults (the simulator has its own). */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const toAlert = (e: AlertEvent): Alert => ({
  id: e.key,
  fingerprint: e.fingerprint,
  status: 'firing',
  labels: { ...e.labels },
  annotations: { ...e.annotations },
  startsAt: e.startsAt,
  endsAt: null,
  receivedAt: e.at,
  source: 'simulator',
  incidentId: null,
});

/** Noise truth: each flapping series (one fingerprint, gaps under 10 min) and each blip alone. */
function noiseKey(e: AlertEvent, lastSeen: Map<string, { key: string; at: number }>): string {
  if (!('noise' in e.cause) || e.cause.noise !== 'flapping') return `blip:${e.key}`;
  const at = Date.parse(e.at);
  const last = lastSeen.get(e.fingerprint);
  const key = last && at - last.at < 10 * 60_000 ? last.key : `flap:${e.key}`;
  lastSeen.set(e.fingerprint, { key, at });
  return key;
}

/** Alert events as the correlator's feed, with each alert's ground-truth group. */
class Recording {
  readonly feed: Feed[] = [];
  readonly alerts: Alert[] = [];
  readonly #groups = new Map<string, string[]>();
  readonly #faultOf = new Map<string, string>();

  constructor(
    private readonly noiseKeyOf: (e: AlertEvent) => string,
    private readonly resolvedAt: (e: AlertEvent) => string,
  ) {}

  add(e: SimEvent): void {
    if (e.type !== 'alert') return;
    if (e.status === 'resolved') {
      this.feed.push({ kind: 'resolve', id: e.key, at: this.resolvedAt(e) });
      return;
    }
    const alert = toAlert(e);
    this.feed.push({ kind: 'fire', alert });
    this.alerts.push(alert);
    const truth = 'faultId' in e.cause ? e.cause.faultId : this.noiseKeyOf(e);
    if ('faultId' in e.cause) this.#faultOf.set(e.key, e.cause.faultId);
    this.#groups.set(truth, [...(this.#groups.get(truth) ?? []), e.key]);
  }

  storm(plan: { seed: number; services: number }, sim: Simulator): Storm {
    return {
      seed: plan.seed,
      services: plan.services,
      topology: sim.topology,
      faults: [...sim.faults],
      feed: this.feed,
      alerts: this.alerts,
      truth: [...this.#groups.values()],
      faultOf: this.#faultOf,
    };
  }
}

/**
 * A seeded storm: the default estate noise (12 noise alerts an hour, flapping and blips),
 * plus `faults` operator-injected faults of random applicable scenarios on random distinct
 * services at random times, so several run at once.
 */
export function simulateStorm(plan: StormPlan): Storm {
  const random = prng(plan.seed * 7919 + 17);
  const sim = createSimulator({ seed: plan.seed, services: plan.services, faultGeneration: false });
  const ids = sim.topology.services.map((s) => s.id);
  const schedule = new Map<number, string[]>();
  const roots = new Set<string>();
  while (roots.size < plan.faults) {
    const id = ids[Math.floor(random() * ids.length)];
    if (id !== undefined) roots.add(id);
  }
  for (const root of roots) {
    const minute = plan.firstMinute + random() * (plan.lastMinute - plan.firstMinute);
    const tick = Math.round(minute * 6);
    schedule.set(tick, [...(schedule.get(tick) ?? []), root]);
  }
  const flaps = new Map<string, { key: string; at: number }>();
  const recording = new Recording(
    (e) => noiseKey(e, flaps),
    (e) => e.endsAt ?? e.at,
  );
  for (let tick = 0; tick < plan.minutes * 6; tick++) {
    for (const root of schedule.get(tick) ?? []) {
      const scenarios = sim.scenariosFor(root);
      const scenario = scenarios[Math.floor(random() * scenarios.length)];
      if (scenario) sim.injectFault(scenario, root);
    }
    for (const e of sim.step()) recording.add(e);
  }
  return recording.storm(plan, sim);
}

export interface LivePlan {
  seed: number;
  services: number;
  minutes: number;
}

/**
 * The live estate as the engine runs it: the simulator's own fault generator (a new fault
 * every 30-60 s, each lasting 3-8 min, so several at once) and its default noise. Truth is
 * the engine's live score's: the fault behind an alert, else `noise:<fingerprint>`.
 */
export function simulateLive(plan: LivePlan): Storm {
  const sim = createSimulator({ seed: plan.seed, services: plan.services });
  const recording = new Recording(
    (e) => `noise:${e.fingerprint}`,
    (e) => e.at,
  );
  for (let tick = 0; tick < plan.minutes * 6; tick++) {
    for (const e of sim.step()) recording.add(e);
  }
  return recording.storm(plan, sim);
}
