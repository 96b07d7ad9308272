import type { FaultScenario, RemediationKind, Topology } from '@watchfloor/domain';
import { ActionDesk } from './actions.ts';
import { AlertBook } from './alert-book.ts';
import { DEFAULT_PATCH_REGRESSION_RATE, DeployBook } from './deploys.ts';
import { Effects } from './effects.ts';
import { createEstate, DEFAULT_SERVICES } from './estate.ts';
import { RuleEvaluator } from './evaluator.ts';
import { type ActiveFault, DEFAULT_ENDED_FAULTS_KEPT, FaultBook, type Impact } from './faults.ts';
import { type EstateGraph, indexEstate } from './graph.ts';
import { hostReadings } from './host-metrics.ts';
import { LogWriter } from './logs.ts';
import { MetricsModel } from './metrics.ts';
import { NoiseMaker } from './noise.ts';
import { DEFAULT_PATCH_INTERVAL_SECONDS, PatchSchedule } from './patches.ts';
import { createRng, type Rng, STREAM } from './prng.ts';
import { createProfile } from './profile.ts';
import { SCENARIO_NAMES, scenariosForTier } from './scenarios.ts';
import {
  type ActionEffect,
  type ActionParams,
  type DeployEffect,
  type HostReading,
  type PatchProposal,
  type SimEvent,
  type SimFault,
  SimulationError,
  type Simulator,
  type SimulatorOptions,
  TICK_SECONDS,
} from './types.ts';

export const DEFAULT_START = '2026-01-05T00:00:00.000Z';
export const DEFAULT_FAULT_INTERVAL: readonly [number, number] = [30, 60];
export const DEFAULT_NOISE_PER_HOUR = 12;

/** Draws per preference level when choosing a generated fault's root. */
const ROOT_ATTEMPTS = 8;

class EstateSimulator implements Simulator {
  readonly topology: Topology;
  #tick = 0;
  #generation: boolean;
  /** Virtual seconds since start when the next generated fault is due, or null. */
  #nextFaultAt: number | null = null;
  readonly #startMs: number;
  readonly #interval: readonly [number, number];
  readonly #graph: EstateGraph;
  readonly #faultRng: Rng;
  readonly #fx: Effects;
  readonly #faults: FaultBook;
  readonly #metrics: MetricsModel;
  readonly #alerts: AlertBook;
  readonly #rules: RuleEvaluator;
  readonly #noise: NoiseMaker;
  readonly #logs: LogWriter;
  readonly #seed: number;
  readonly #iso: (tick: number) => string;
  readonly #actions: ActionDesk;
  readonly #deploys: DeployBook;
  readonly #patches: PatchSchedule;
  /** Candidate roots per scenario, in topology order. */
  readonly #roots: ReadonlyMap<FaultScenario, readonly number[]>;
  /** Events produced between steps (operator faults), delivered with the next step. */
  #queued: SimEvent[] = [];
  #started: ActiveFault[] = [];
  readonly #impacts: Impact[] = [];

  constructor(options: SimulatorOptions) {
    const { seed } = options;
    this.#startMs = (options.start ?? new Date(DEFAULT_START)).getTime();
    if (!Number.isFinite(this.#startMs)) throw new RangeError('start must be a valid date');
    const [lo, hi] = options.faultIntervalSeconds ?? DEFAULT_FAULT_INTERVAL;
    if (!(lo > 0 && hi >= lo))
      throw new RangeError('faultIntervalSeconds must be [min, max] with 0 < min <= max');
    this.#interval = [lo, hi];
    this.topology = createEstate(seed, options.services ?? DEFAULT_SERVICES);
    const graph = indexEstate(this.topology);
    this.#graph = graph;
    const profileRng = createRng(seed, STREAM.profile);
    const profiles = graph.services.map((s) => createProfile(profileRng, s.tier));
    const iso = (tick: number) =>
      new Date(this.#startMs + tick * TICK_SECONDS * 1000).toISOString();
    this.#faultRng = createRng(seed, STREAM.faults);
    this.#fx = new Effects(graph.services.length);
    const kept = options.endedFaultsKept ?? DEFAULT_ENDED_FAULTS_KEPT;
    if (!(kept >= 0 && (Number.isInteger(kept) || kept === Number.POSITIVE_INFINITY)))
      throw new RangeError('endedFaultsKept must be a whole number >= 0 (or Infinity)');
    this.#faults = new FaultBook(graph, this.#faultRng, iso, kept);
    this.#metrics = new MetricsModel(
      graph,
      profiles,
      createRng(seed, STREAM.metrics),
      this.#startMs,
    );
    this.#alerts = new AlertBook(graph);
    this.#rules = new RuleEvaluator(graph, profiles, this.#alerts, createRng(seed, STREAM.alerts));
    this.#noise = new NoiseMaker(
      graph,
      createRng(seed, STREAM.noise),
      this.#alerts,
      options.noisePerHour ?? DEFAULT_NOISE_PER_HOUR,
    );
    this.#logs = new LogWriter(graph, this.#metrics, createRng(seed, STREAM.logs));
    this.#seed = seed;
    this.#iso = iso;
    this.#actions = new ActionDesk(graph);
    this.#deploys = new DeployBook(
      graph,
      seed,
      options.patchRegressionRate ?? DEFAULT_PATCH_REGRESSION_RATE,
    );
    this.#patches = new PatchSchedule(
      graph,
      seed,
      (options.patchIntervalSeconds ?? DEFAULT_PATCH_INTERVAL_SECONDS) / TICK_SECONDS,
      this.#deploys,
    );
    this.#roots = new Map(
      SCENARIO_NAMES.map((scenario) => [
        scenario,
        graph.services.flatMap((s, i) =>
          scenariosForTier(s.tier, graph.hasRemoteCaller[i] ?? false).includes(scenario) ? [i] : [],
        ),
      ]),
    );
    this.#generation = options.faultGeneration ?? true;
    if (this.#generation) this.#scheduleNextFault();
  }

  get now(): Date {
    return new Date(this.#startMs + this.#tick * TICK_SECONDS * 1000);
  }

  get ticks(): number {
    return this.#tick;
  }

  get faultGeneration(): boolean {
    return this.#generation;
  }

  get faults(): readonly SimFault[] {
    return this.#faults.recent;
  }

  get faultsStarted(): number {
    return this.#faults.started;
  }

  fault(id: string): SimFault | undefined {
    return this.#faults.byId(id);
  }

  get activeFaults(): readonly SimFault[] {
    return this.#faults.active.map((a) => a.fault);
  }

  setFaultGeneration(on: boolean): void {
    if (on === this.#generation) return;
    this.#generation = on;
    this.#nextFaultAt = null;
    if (on) this.#scheduleNextFault();
  }

  scenariosFor(service: string): FaultScenario[] {
    const i = this.#serviceIndex(service);
    const s = this.#graph.services[i];
    return s ? scenariosForTier(s.tier, this.#graph.hasRemoteCaller[i] ?? false) : [];
  }

  injectFault(scenario: FaultScenario, service: string): SimFault {
    const i = this.#serviceIndex(service);
    if (!this.scenariosFor(service).includes(scenario)) {
      const s = this.#graph.services[i];
      const why =
        scenario === 'network_partition'
          ? 'it has no callers in another region'
          : `it does not apply to the ${s?.tier} tier`;
      throw new SimulationError(
        'scenario_not_applicable',
        `${scenario} cannot start on ${s?.id}: ${why} (try ${this.scenariosFor(service).join(', ')})`,
      );
    }
    return this.#startFault(scenario, i, 'operator', this.#queued);
  }

  applyAction(kind: RemediationKind, service: string, params: ActionParams = {}): ActionEffect {
    const i = this.#graph.indexOf.get(service);
    if (i === undefined)
      return { applied: false, message: `no service "${service}" in the estate` };
    return this.#actions.apply(kind, i, params, {
      tick: this.#tick,
      at: this.now.toISOString(),
      active: this.#faults.active,
      deploys: this.#deploys,
    });
  }

  deploy(service: string, hostIds: readonly string[], version: string): DeployEffect {
    const i = this.#graph.indexOf.get(service);
    if (i === undefined) {
      return { applied: false, message: `no service "${service}" in the estate`, hosts: [] };
    }
    return this.#deploys.deploy(i, hostIds, version);
  }

  hostMetrics(service: string): HostReading[] {
    const i = this.#serviceIndex(service);
    return hostReadings(i, this.#tick, this.#seed, this.#graph, this.#metrics, this.#deploys);
  }

  availablePatches(): PatchProposal[] {
    return this.#patches.available(this.#tick, this.#deploys, this.#iso);
  }

  nextPatch(): PatchProposal | null {
    return this.availablePatches()[0] ?? null;
  }

  isRegression(service: string, version: string): boolean {
    return this.#deploys.regressionOf(this.#serviceIndex(service), version) !== null;
  }

  step(): SimEvent[] {
    const tick = ++this.#tick;
    const at = this.now.toISOString();
    const events = this.#queued;
    this.#queued = [];
    const ended: ActiveFault[] = [];
    this.#faults.advance(tick, events, ended);
    this.#maybeGenerateFault(tick, events);

    this.#fx.reset();
    this.#faults.apply(tick, this.#fx, this.#impacts);
    this.#actions.effects(tick, this.#fx);
    this.#deploys.apply(this.#fx);
    events.push({ type: 'metrics', at, samples: this.#metrics.sample(tick, this.#fx, at) });

    const alertsFrom = events.length;
    this.#rules.evaluate(this.#metrics, this.#fx, this.#faults, at, events);
    this.#noise.step(tick, at, events);
    this.#recordAlertKeys(events, alertsFrom);

    for (const a of this.#started) this.#logs.faultStarted(a, at, events);
    for (const a of ended) this.#logs.faultEnded(a, at, events);
    this.#started = [];
    this.#logs.symptoms(this.#impacts, at, events);
    this.#logs.routine(at, events);
    return events;
  }

  #serviceIndex(service: string): number {
    const i = this.#graph.indexOf.get(service);
    if (i === undefined) {
      throw new SimulationError('unknown_service', `no service "${service}" in the estate`);
    }
    return i;
  }

  #startFault(
    scenario: FaultScenario,
    root: number,
    by: SimFault['injectedBy'],
    out: SimEvent[],
  ): SimFault {
    const a = this.#faults.start(scenario, root, this.#tick, by);
    if (scenario === 'bad_deploy') this.#deploys.shipFaultyHotfix(root);
    this.#started.push(a);
    // A snapshot: the live fault keeps growing as it spreads.
    const fault = { ...a.fault, affected: a.fault.affected.map((x) => ({ ...x })), alertKeys: [] };
    out.push({ type: 'fault_started', at: a.fault.startedAt, fault });
    return a.fault;
  }

  #scheduleNextFault(): void {
    const [lo, hi] = this.#interval;
    this.#nextFaultAt = this.#tick * TICK_SECONDS + this.#faultRng.float(lo, hi);
  }

  #maybeGenerateFault(tick: number, out: SimEvent[]): void {
    if (!this.#generation || this.#nextFaultAt === null || tick * TICK_SECONDS < this.#nextFaultAt)
      return;
    const rng = this.#faultRng;
    const scenario = rng.pick(SCENARIO_NAMES);
    const candidates = this.#roots.get(scenario) ?? [];
    const roots = new Set(this.#faults.active.map((a) => a.reached[0]?.service));
    let root = -1;
    // Prefer a service no fault touches, then one that is no fault's root, then anyone.
    for (let k = 0; k < ROOT_ATTEMPTS * 2 && candidates.length > 0; k++) {
      const i = rng.pick(candidates);
      const untouched = (this.#faults.load[i] ?? 0) === 0;
      if (untouched || (k >= ROOT_ATTEMPTS && !roots.has(i))) {
        root = i;
        break;
      }
    }
    if (root < 0 && candidates.length > 0) root = rng.pick(candidates);
    if (root >= 0) this.#startFault(scenario, root, 'generator', out);
    this.#scheduleNextFault();
  }

  #recordAlertKeys(events: readonly SimEvent[], from: number): void {
    for (let k = from; k < events.length; k++) {
      const e = events[k];
      if (e?.type !== 'alert' || e.status !== 'firing' || !('faultId' in e.cause)) continue;
      this.#faults.byId(e.cause.faultId)?.alertKeys.push(e.key);
    }
  }
}

/**
 * A deterministic estate simulator: the same options and calls give the same events.
 * @example
 * const sim = createSimulator({ seed: 42 });
 * const events = sim.step(); // fault events, one metrics event, alerts, logs
 */
export function createSimulator(options: SimulatorOptions): Simulator {
  return new EstateSimulator(options);
}
