import { type FaultScenario, formatId } from '@watchfloor/domain';
import type { Effects } from './effects.ts';
import type { EstateGraph } from './graph.ts';
import type { Rng } from './prng.ts';
import { SCENARIOS, type ScenarioSpec } from './scenarios.ts';
import { type SimEvent, type SimFault, TICK_SECONDS } from './types.ts';

/** Spreading stops after this many hops from the root… */
export const MAX_HOPS = 3;
/** …or once the next hop would be this weak… */
export const MIN_INTENSITY = 0.2;
/** …and one fault never reaches more services than this (a storm, not the whole estate). */
export const MAX_AFFECTED = 14;
/** Callers one affected service passes the fault on to. */
const MAX_FANOUT = 3;
const SPREAD_DELAY_SECONDS: readonly [number, number] = [20, 90];
const DURATION_SECONDS: readonly [number, number] = [180, 480];
/** Ended faults kept in memory by default (the store keeps the history). */
export const DEFAULT_ENDED_FAULTS_KEPT = 500;

/** One service a fault reached. */
export interface Reach {
  service: number;
  /** The affected dependency it came through, -1 for the root. */
  via: number;
  hop: number;
  /** Strength relative to the root's symptoms, 0..1 (1 for the root). */
  intensity: number;
  tick: number;
}

/** A fault in progress, with what the simulator needs beyond its public ground truth. */
export interface ActiveFault {
  serial: number;
  fault: SimFault;
  spec: ScenarioSpec;
  startTick: number;
  endTick: number;
  rampTicks: number;
  magnitude: number;
  /** Intensity kept per hop. */
  decay: number;
  reached: Reach[];
  pending: Reach[];
  seen: Set<number>;
}

/** What a fault does to one service this tick, for log lines. */
export interface Impact {
  fault: ActiveFault;
  reach: Reach;
  /** 0..1: the root's ramp, or a caller's intensity times the root's symptoms. */
  level: number;
}

const ceilTicks = (seconds: number): number => Math.ceil(seconds / TICK_SECONDS);

/**
 * Starts, spreads and ends faults, and turns the active ones into per-service effects.
 * Remembers every active fault and the most recent `endedKept` ended ones (plus any that
 * ended in the latest step), so a long run holds a bounded number of faults.
 */
export class FaultBook {
  readonly active: ActiveFault[] = [];
  /** How many active faults reach each service; the generator prefers untouched roots. */
  readonly load: Int32Array;
  readonly #graph: EstateGraph;
  readonly #rng: Rng;
  readonly #iso: (tick: number) => string;
  readonly #endedKept: number;
  /** Kept faults by serial; insertion order is serial order. */
  readonly #kept = new Map<number, SimFault>();
  /** Serials of kept ended faults, in the order they ended (oldest is dropped first). */
  readonly #ended = new Set<number>();
  #started = 0;
  #recent: readonly SimFault[] | null = null;

  constructor(
    graph: EstateGraph,
    rng: Rng,
    iso: (tick: number) => string,
    endedKept = DEFAULT_ENDED_FAULTS_KEPT,
  ) {
    this.#graph = graph;
    this.#rng = rng;
    this.#iso = iso;
    this.#endedKept = endedKept;
    this.load = new Int32Array(graph.services.length);
  }

  /** Faults started so far, kept or not. */
  get started(): number {
    return this.#started;
  }

  /** Kept faults, oldest first (cached until the next start or drop). */
  get recent(): readonly SimFault[] {
    this.#recent ??= [...this.#kept.values()];
    return this.#recent;
  }

  /** A kept fault by serial; every active fault is kept. */
  get(serial: number): SimFault | undefined {
    return this.#kept.get(serial);
  }

  /** A kept fault by id: ids are FLT-<serial + 1>, so no scan. */
  byId(id: string): SimFault | undefined {
    const fault = this.#kept.get(Number(id.slice(4)) - 1);
    return fault?.id === id ? fault : undefined;
  }

  start(
    scenario: FaultScenario,
    root: number,
    tick: number,
    injectedBy: SimFault['injectedBy'],
  ): ActiveFault {
    const rng = this.#rng;
    const spec = SCENARIOS[scenario];
    const duration = ceilTicks(rng.float(DURATION_SECONDS[0], DURATION_SECONDS[1]));
    const rampTicks = Math.min(spec.rampTicks(duration, rng), duration - 1);
    const serial = this.#started++;
    const rootId = this.#id(root);
    const fault: SimFault = {
      id: formatId('FLT', serial + 1),
      scenario,
      rootService: rootId,
      startedAt: this.#iso(tick),
      endsAt: this.#iso(tick + duration),
      endedAt: null,
      affected: [{ service: rootId, at: this.#iso(tick), via: null }],
      alertKeys: [],
      injectedBy,
    };
    const active: ActiveFault = {
      serial,
      fault,
      spec,
      startTick: tick,
      endTick: tick + duration,
      rampTicks,
      magnitude: rng.float(0.7, 1),
      decay: rng.float(0.55, 0.8),
      reached: [],
      pending: [],
      seen: new Set([root]),
    };
    this.#kept.set(serial, fault);
    this.#recent = null;
    this.active.push(active);
    this.#reach(active, { service: root, via: -1, hop: 0, intensity: 1, tick });
    return active;
  }

  /** Ends faults that are due, then spreads those still running; returns the events. */
  advance(tick: number, out: SimEvent[], ended: ActiveFault[]): void {
    const at = this.#iso(tick);
    // Dropped before this step's endings, so whoever reads this step's events finds them.
    this.#dropOldEnded();
    for (let k = 0; k < this.active.length; ) {
      const a = this.active[k];
      if (a && tick >= a.endTick) {
        a.fault.endedAt = at;
        for (const r of a.reached) this.load[r.service] = (this.load[r.service] ?? 1) - 1;
        this.active.splice(k, 1);
        this.#ended.add(a.serial);
        ended.push(a);
        out.push({ type: 'fault_ended', at, faultId: a.fault.id });
      } else {
        k++;
      }
    }
    for (const a of this.active) {
      if (a.pending.length === 0 || !a.pending.some((p) => p.tick <= tick)) continue;
      const due = a.pending.filter((p) => p.tick <= tick);
      a.pending = a.pending.filter((p) => p.tick > tick);
      for (const p of due) {
        this.#reach(a, p);
        a.fault.affected.push({ service: this.#id(p.service), at, via: this.#id(p.via) });
        out.push({
          type: 'fault_spread',
          at,
          faultId: a.fault.id,
          service: this.#id(p.service),
          via: this.#id(p.via),
        });
      }
    }
  }

  /** Adds every active fault's effect at `tick` to `fx`, and lists the impacts. */
  apply(tick: number, fx: Effects, impacts: Impact[]): void {
    impacts.length = 0;
    for (const a of this.active) {
      const ramp = a.rampTicks === 0 ? 1 : Math.min(1, (tick - a.startTick) / a.rampTicks);
      const symptom = a.spec.symptom(ramp);
      for (const reach of a.reached) {
        if (reach.hop === 0) {
          a.spec.root(fx, reach.service, ramp, a.magnitude);
          // The root outweighs anything merely passing through it.
          fx.touch(reach.service, a.serial, 1 + ramp, -1);
          impacts.push({ fault: a, reach, level: ramp });
        } else {
          const level = reach.intensity * symptom;
          a.spec.caller(fx, reach.service, level, reach.hop, a.magnitude);
          fx.touch(reach.service, a.serial, level, reach.via);
          impacts.push({ fault: a, reach, level });
        }
      }
    }
  }

  #dropOldEnded(): void {
    for (const serial of this.#ended) {
      if (this.#ended.size <= this.#endedKept) return;
      this.#ended.delete(serial);
      this.#kept.delete(serial);
      this.#recent = null;
    }
  }

  #id(i: number): string {
    return this.#graph.services[i]?.id ?? '';
  }

  /** Records a reached service and schedules the callers it will pass the fault to. */
  #reach(a: ActiveFault, reach: Reach): void {
    a.reached.push(reach);
    this.load[reach.service] = (this.load[reach.service] ?? 0) + 1;
    const intensity = reach.intensity * a.decay;
    if (reach.hop >= MAX_HOPS || intensity < MIN_INTENSITY) return;
    const rng = this.#rng;
    const services = this.#graph.services;
    const rootRegion = services[a.reached[0]?.service ?? reach.service]?.region;
    const candidates = (this.#graph.callers[reach.service] ?? []).filter(
      (c) =>
        !a.seen.has(c) &&
        // A partition only hurts callers on the far side of it.
        (a.fault.scenario !== 'network_partition' || services[c]?.region !== rootRegion),
    );
    // Partial Fisher-Yates: a seeded handful of callers, not always the first ones.
    const fanout = Math.min(MAX_FANOUT, candidates.length);
    const noticed =
      reach.hop === 0 ? a.startTick + Math.ceil(a.rampTicks * a.spec.noticeAt) : reach.tick;
    for (let k = 0; k < fanout && a.seen.size < MAX_AFFECTED; k++) {
      const j = k + Math.floor(rng.next() * (candidates.length - k));
      const caller = candidates[j];
      const swap = candidates[k];
      if (caller === undefined || swap === undefined) break;
      candidates[j] = swap;
      candidates[k] = caller;
      // The root always passes it on to someone (when called at all); later hops may not.
      if (!(reach.hop === 0 && k === 0) && !rng.chance(0.85)) continue;
      a.seen.add(caller);
      const delay = ceilTicks(rng.float(SPREAD_DELAY_SECONDS[0], SPREAD_DELAY_SECONDS[1]));
      a.pending.push({
        service: caller,
        via: reach.service,
        hop: reach.hop + 1,
        intensity,
        tick: Math.max(noticed, reach.tick) + delay,
      });
    }
  }
}
