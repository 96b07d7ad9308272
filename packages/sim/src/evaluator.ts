import type { AlertSeverity, Tier } from '@watchfloor/domain';
import type { AlertBook } from './alert-book.ts';
import type { Effects } from './effects.ts';
import type { EstateGraph } from './graph.ts';
import type { MetricsModel } from './metrics.ts';
import type { Rng } from './prng.ts';
import type { ServiceProfile } from './profile.ts';
import { type AlertRule, type Reading, RULES, rulesForTier } from './rules.ts';
import type { AlertCause, SimEvent, SimFault } from './types.ts';

/** A breach with no fault behind it is treated as a noise blip (healthy baselines never get there). */
const UNEXPLAINED: AlertCause = { noise: 'blip' };

/** Faults by serial (what `Effects.strongest` holds); every active fault is there. */
export interface FaultsBySerial {
  get(serial: number): SimFault | undefined;
}

/** Hosts of one service cross a threshold a few evaluations apart, not in lockstep. */
export const MAX_ONSET_JITTER_TICKS = 2;

/**
 * Evaluates every rule on every host each tick, Prometheus-style: rules fire per instance, a
 * breach must hold for the rule's `for` ticks (plus a small seeded per-host jitter) to fire,
 * and the episode resolves on the first clean evaluation.
 */
export class RuleEvaluator {
  readonly #graph: EstateGraph;
  readonly #profiles: readonly ServiceProfile[];
  readonly #book: AlertBook;
  readonly #rng: Rng;
  readonly #rulesByService: readonly (readonly number[])[];
  /** Consecutive breaching ticks per (host, rule). */
  readonly #pending: Uint8Array;
  /** Breaching ticks a (host, rule) needs before it fires: `for` plus its jitter. */
  readonly #needed: Uint8Array;
  /** Whether the open episode of (host, rule) belongs to this evaluator. */
  readonly #firing: Uint8Array;
  /** Whether any host of (service, rule) is pending or firing, so clean ticks skip the hosts. */
  readonly #busy: Uint8Array;
  readonly #reading: Reading;

  constructor(graph: EstateGraph, profiles: readonly ServiceProfile[], book: AlertBook, rng: Rng) {
    this.#graph = graph;
    this.#profiles = profiles;
    this.#book = book;
    this.#rng = rng;
    const byTier = new Map<Tier, number[]>();
    this.#rulesByService = graph.services.map((s) => {
      const known = byTier.get(s.tier);
      if (known) return known;
      const list = rulesForTier(s.tier);
      byTier.set(s.tier, list);
      return list;
    });
    this.#pending = new Uint8Array(graph.hostCount * RULES.length);
    this.#needed = new Uint8Array(graph.hostCount * RULES.length);
    this.#firing = new Uint8Array(graph.hostCount * RULES.length);
    this.#busy = new Uint8Array(graph.services.length * RULES.length);
    this.#reading = {
      service: '',
      tier: 'edge',
      region: '',
      latencyMs: 0,
      latencyObjectiveMs: 0,
      errorRate: 0,
      cpu: 0,
      memory: 0,
      disk: 0,
      throughputRps: 0,
      connections: 0,
      queueDepth: 0,
      upstreamTimeouts: 0,
      crossRegionErrors: 0,
      regression: 0,
      upstream: null,
      upstreamRegion: null,
    };
  }

  evaluate(
    m: MetricsModel,
    fx: Effects,
    faults: FaultsBySerial,
    at: string,
    out: SimEvent[],
  ): void {
    const { services } = this.#graph;
    const r = this.#reading;
    const ruleCount = RULES.length;
    for (let i = 0; i < services.length; i++) {
      const s = services[i];
      const p = this.#profiles[i];
      const rules = this.#rulesByService[i];
      if (!s || !p || !rules) continue;
      this.#read(i, s.id, s.tier, s.region, p, m, fx);
      for (const ri of rules) {
        const rule = RULES[ri];
        if (!rule) continue;
        const severity = rule.check(r);
        const busy = i * ruleCount + ri;
        if (severity === null) {
          if (this.#busy[busy] === 1) this.#clear(i, ri, rule.alertname, at, out);
          this.#busy[busy] = 0;
          continue;
        }
        this.#busy[busy] = 1;
        this.#breach(i, ri, rule, severity, r, fx, faults, at, out);
      }
    }
  }

  /** A clean evaluation: every host of the service lets go of the rule. */
  #clear(i: number, ri: number, alertname: string, at: string, out: SimEvent[]): void {
    const hosts = this.#graph.hosts[i] ?? [];
    const first = this.#graph.hostStart[i] ?? 0;
    hosts.forEach((host, k) => {
      const slot = (first + k) * RULES.length + ri;
      this.#pending[slot] = 0;
      if (this.#firing[slot] !== 1) return;
      this.#firing[slot] = 0;
      const resolved = this.#book.resolve(host, alertname, at);
      if (resolved) out.push(resolved);
    });
  }

  #breach(
    i: number,
    ri: number,
    rule: AlertRule,
    severity: AlertSeverity,
    r: Reading,
    fx: Effects,
    faults: FaultsBySerial,
    at: string,
    out: SimEvent[],
  ): void {
    const hosts = this.#graph.hosts[i] ?? [];
    const first = this.#graph.hostStart[i] ?? 0;
    hosts.forEach((host, k) => {
      const slot = (first + k) * RULES.length + ri;
      if (this.#firing[slot] === 1) return;
      const held = Math.min(255, (this.#pending[slot] ?? 0) + 1);
      this.#pending[slot] = held;
      if (held === 1) {
        this.#needed[slot] = rule.forTicks + this.#rng.int(0, MAX_ONSET_JITTER_TICKS);
      }
      // Noise may hold the same (alertname, host); wait until it lets go.
      if (held < (this.#needed[slot] ?? rule.forTicks) || this.#book.isOpen(host, rule.alertname))
        return;
      const strongest = fx.isTouched(i) ? (fx.strongest[i] ?? -1) : -1;
      const fault = strongest >= 0 ? faults.get(strongest) : undefined;
      out.push(
        this.#book.fire({
          service: i,
          host,
          alertname: rule.alertname,
          severity,
          annotations: { summary: rule.summary(r), description: rule.description(r) },
          cause: fault ? { faultId: fault.id } : UNEXPLAINED,
          at,
        }),
      );
      this.#firing[slot] = 1;
      this.#pending[slot] = 0;
    });
  }

  #read(
    i: number,
    id: string,
    tier: Tier,
    region: string,
    p: ServiceProfile,
    m: MetricsModel,
    fx: Effects,
  ): void {
    const r = this.#reading;
    r.service = id;
    r.tier = tier;
    r.region = region;
    r.latencyMs = m.latency[i] ?? 0;
    r.latencyObjectiveMs = p.latencyObjectiveMs;
    r.errorRate = m.errorRate[i] ?? 0;
    r.cpu = m.cpu[i] ?? 0;
    r.memory = m.memory[i] ?? 0;
    r.disk = m.disk[i] ?? 0;
    r.throughputRps = m.throughput[i] ?? 0;
    r.connections = m.connections[i] ?? 0;
    r.queueDepth = m.queueDepth[i] ?? 0;
    if (fx.isTouched(i)) {
      const up = this.#graph.services[fx.upstream[i] ?? -1];
      r.upstreamTimeouts = fx.upstreamTimeouts[i] ?? 0;
      r.crossRegionErrors = fx.crossRegionErrors[i] ?? 0;
      r.regression = fx.regression[i] ?? 0;
      r.upstream = up?.id ?? null;
      r.upstreamRegion = up?.region ?? null;
    } else {
      r.upstreamTimeouts = 0;
      r.crossRegionErrors = 0;
      r.regression = 0;
      r.upstream = null;
      r.upstreamRegion = null;
    }
  }
}
