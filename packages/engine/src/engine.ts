import {
  ConfigError,
  type Decision,
  type PairwiseScores,
  pairwiseScores,
} from '@watchfloor/agents';
import {
  type AgentConfigVersion,
  type AgentId,
  type Alert,
  type AlertInput,
  type AuditEvent,
  type Fault,
  type FaultScenario,
  type Forecast,
  type Incident,
  initialKillSwitch,
  type KillSwitchState,
  type LogEntry,
  type MetricName,
  type MetricSample,
  type PatchPlan,
  type PredictedRisk,
  type SimulationState,
  type Task,
  type TaskInput,
  type Topology,
} from '@watchfloor/domain';
import { ItemTooLargeError, type Repository, type WriteBatch } from '@watchfloor/kb';
import type { Narrator } from '@watchfloor/narrator';
import {
  createSimulator,
  DEFAULT_ENDED_FAULTS_KEPT,
  type SimEvent,
  type SimFault,
  SimulationError,
  type Simulator,
  type SimulatorOptions,
  TICK_SECONDS,
} from '@watchfloor/sim';
import { AgentDesk } from './agent-desk.ts';
import { toAlertDraft } from './alert-input.ts';
import { Autopilot, type AutopilotContext } from './autopilot.ts';
import { addCounts, BatchBuilder, withoutEntry } from './batch.ts';
import { IncidentDesk } from './desk.ts';
import { type Actor, EngineError } from './errors.ts';
import { type GuardedAction, type GuardOutcome, guard } from './guard.ts';
import { IdAllocator } from './ids.ts';
import { acknowledge, resolve } from './incidents.ts';
import { Mutex } from './mutex.ts';
import { Narration } from './narration.ts';
import type { PlanSummary } from './plan-window.ts';
import { PATCHES_NS, Rollouts } from './rollouts.ts';

export type EngineEvent =
  | { type: 'incident.opened' | 'incident.updated' | 'incident.resolved'; incident: Incident }
  | { type: 'kill_switch.changed'; state: KillSwitchState }
  | { type: 'rollout.state_changed'; plan: PatchPlan };

export interface WallClock {
  now(): number;
}

export interface EngineOptions {
  repo: Repository;
  seed: number;
  /** Wall clock that paces the loop; the simulation itself runs on virtual time. */
  clock?: WallClock;
  speed?: number;
  /** Virtual start time for a fresh store; a restart continues from the stored time. */
  start?: Date;
  /** The simulated estate, e.g. `services` (12…20,000; default 36). */
  simulator?: Omit<SimulatorOptions, 'seed' | 'start'>;
  /** Agents act on incidents (default); off gives the "no agents" baseline. */
  agentsEnabled?: boolean;
  /** A model narrator (Bedrock) run in the background; the template answers meanwhile. */
  narrator?: Narrator;
  /** Learning loop on (default) or the static baseline policy. */
  learning?: boolean;
  /** Newest log entries kept in the store. */
  logKeep?: number;
  /** Receives every stored change worth telling the outside world (webhooks). */
  onEvent?: (event: EngineEvent) => void;
  /** Receives how long engine operations took, for metrics. */
  onTiming?: (name: 'correlation' | 'forecast' | 'store_write', seconds: number) => void;
  /** Called when a background write fails; the batch is kept and retried. */
  onBackgroundError?: (error: unknown) => void;
}

const LOOP_MS = 250;
/** Simulated alerts kept for the live correlation score. */
const LIVE_SCORE_WINDOW = 2_000;
/** Bounds work per loop so the API stays responsive at 3600x; extra virtual time is dropped. */
const MAX_STEPS_PER_LOOP = 120;
/**
 * Wall time of ticks the loop runs before letting requests in (lock and event loop): a large
 * estate at high speed takes seconds for a loop's steps, which no request should wait for.
 */
const SLICE_MS = 30;
const MAX_LOGS_PER_WRITE = 400;
const PRUNE_EVERY_WRITES = 40;
/**
 * Logs are also pruned once a tenth of `logKeep` arrived since the last prune: at full speed
 * one write carries hundreds, so 40 writes let the store's logs swell by half over `logKeep`
 * (hours of virtual time) before a prune cut them back.
 */
const PRUNE_SLACK = 0.1;
const SWEEP_EVERY_MS = 10 * 60_000;

interface PersistedSimulation {
  speed: number;
  virtualTime: string;
}

/** The running loop: clock ticks -> simulator -> incidents -> knowledge base. */
export class Engine {
  readonly repo: Repository;
  readonly seed: number;
  #sim: Simulator;
  readonly #options: EngineOptions;
  readonly #clock: WallClock;
  readonly #ids = new IdAllocator();
  readonly #desk: IncidentDesk;
  #agents: AgentDesk | null = null;
  readonly #autopilot: Autopilot;
  readonly #rollouts: Rollouts;
  readonly #narration: Narration;
  readonly #mutex = new Mutex();
  #pending = new BatchBuilder();
  /** Why the last write failed, while the store is unreachable; null when healthy. */
  #storeError: string | null = null;
  #killSwitch: KillSwitchState = initialKillSwitch;
  #running = false;
  #speed: number;
  #budgetMs = 0;
  #lastWall = 0;
  #timer: NodeJS.Timeout | null = null;
  #writes = 0;
  #logsSincePrune = 0;
  #sweptAt = Number.NEGATIVE_INFINITY;
  #writeVersion = 0;
  #alertsEmitted = 0;
  #simAlertIds = new Map<string, string>();
  /** Recent simulator alerts: ground-truth cluster and incident, for the live F1. */
  readonly #truth = new Map<string, { truth: string; incident: string }>();
  /** Every active fault and the most recent ended ones (the store keeps the history). */
  #faults = new Map<string, Fault>();
  /** Ids of ended faults in `#faults`, in the order they ended (oldest is dropped first). */
  readonly #endedFaults = new Set<string>();
  readonly latestMetrics = new Map<string, MetricSample>();
  /** Records the store refused as too large, reported once each. */
  readonly #oversized = new Set<string>();

  constructor(options: EngineOptions) {
    this.#options = options;
    this.repo = options.repo;
    this.seed = options.seed;
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#speed = options.speed ?? 1;
    this.#sim = this.#createSim(options.start ?? new Date());
    // Retention runs on virtual time: what expired by the simulation's clock is gone.
    options.repo.setClock(() => this.#sim.now.getTime());
    this.#desk = new IncidentDesk(this.#ids, this.#sim.topology, (seconds) =>
      options.onTiming?.('correlation', seconds),
    );
    const ctx: AutopilotContext = {
      sim: () => this.#sim,
      ids: this.#ids,
      desk: this.#desk,
      agents: () => this.agents,
      now: () => this.now(),
      latestMetrics: this.latestMetrics,
      guarded: (action, batch, run) => this.#guarded(action, batch, run),
      fireAlert: (draft, batch) => this.#desk.fire(draft, this.now(), batch),
      clearAlert: (alert, batch) => {
        this.#desk.clear(alert, this.now(), this.now(), batch);
      },
      log: (level, source, message, batch) => {
        batch.logs.push(this.#log(level, source, message, this.now()));
      },
      audit: (actor, action, target, batch, change) => {
        batch.audit.push(this.#audit({ actor, requestId: null }, action, target, change));
      },
    };
    const agentsOn = options.agentsEnabled ?? true;
    this.#autopilot = new Autopilot(ctx, agentsOn);
    this.#rollouts = new Rollouts(ctx, agentsOn);
    this.#desk.onOpened = (incident) => this.#autopilot.noteOpened(incident);
    this.#narration = new Narration(options.narrator, (id, text) => this.#storeNarrative(id, text));
  }

  #createSim(start: Date): Simulator {
    return createSimulator({ ...this.#options.simulator, seed: this.seed, start });
  }

  /** Restores ids, kill switch, live incidents and virtual time from the store. */
  async init(): Promise<void> {
    await this.#ids.restore(this.repo);
    this.#killSwitch = await this.repo.getKillSwitch();
    const saved = (await this.repo.getKnowledge(
      'engine',
      'simulation',
    )) as PersistedSimulation | null;
    if (saved) {
      this.#speed = this.#options.speed ?? saved.speed;
      this.#sim = this.#createSim(new Date(saved.virtualTime));
    }
    this.#sim.setFaultGeneration(this.#generationWanted());
    await this.#desk.restore(this.repo);
    this.#agents = await AgentDesk.load(
      this.repo,
      this.topology,
      this.seed,
      this.#options.learning ?? true,
      this.now(),
    );
    await this.#autopilot.restore(this.repo);
    this.#autopilot.prepare(this.topology.services.map((s) => s.id));
    await this.#rollouts.restore(this.repo);
    await this.#retireOrphanedSimulatorAlerts();
  }

  /** Simulator and predicted alerts still firing from before a restart belong to an estate (and a detector) that no longer exists. */
  async #retireOrphanedSimulatorAlerts(): Promise<void> {
    const batch = new BatchBuilder();
    const at = this.now();
    for (const alert of [...this.#desk.firing.values()]) {
      if (alert.source === 'simulator' || alert.source === 'predictive')
        this.#desk.clear(alert, at, at, batch);
    }
    if (!batch.empty) await this.#write(batch.build());
  }

  get topology(): Topology {
    return this.#sim.topology;
  }

  now(): string {
    return this.#sim.now.toISOString();
  }

  /** Grows with every successful store write: read caches compare it to know they are stale. */
  get writeVersion(): number {
    return this.#writeVersion;
  }

  /** The agents' shared state; available after `init()`. */
  get agents(): AgentDesk {
    if (!this.#agents) throw new Error('Engine.init() has not run');
    return this.#agents;
  }

  updateAgentConfig(
    id: string,
    patch: unknown,
    reason: string | undefined,
    who: Actor,
  ): Promise<AgentConfigVersion> {
    return this.#mutate((batch) => {
      const agentId = this.#agentId(id);
      const before = this.agents.configs.currentVersion(agentId);
      const after = configChange(() =>
        this.agents.configs.update(agentId, patch, who.actor, this.now(), reason ?? 'updated'),
      );
      this.agents.save(batch);
      batch.audit.push(
        this.#audit(who, 'agent.config.update', agentId, {
          before: { version: before.version, config: before.config },
          after: { version: after.version, config: after.config },
        }),
      );
      return after;
    });
  }

  rollbackAgentConfig(
    id: string,
    version: number,
    reason: string | undefined,
    who: Actor,
  ): Promise<AgentConfigVersion> {
    return this.#mutate((batch) => {
      const agentId = this.#agentId(id);
      const before = this.agents.configs.currentVersion(agentId);
      const after = configChange(() =>
        this.agents.configs.rollback(agentId, version, who.actor, this.now(), reason),
      );
      this.agents.save(batch);
      batch.audit.push(
        this.#audit(who, 'agent.config.rollback', agentId, {
          before: { version: before.version, config: before.config },
          after: { version: after.version, config: after.config, rollbackOf: version },
        }),
      );
      return after;
    });
  }

  #agentId(id: string): AgentId {
    if (!this.agents.isAgent(id)) throw new EngineError('not_found', `Agent ${id} not found`, 'id');
    return id;
  }

  get killSwitch(): KillSwitchState {
    return this.#killSwitch;
  }

  state(): SimulationState {
    return {
      running: this.#running,
      speed: this.#speed,
      seed: this.seed,
      virtualTime: this.now(),
      faultGeneration: this.#sim.faultGeneration,
      activeFaults: this.#sim.activeFaults.length,
      faultsInjected: this.#sim.faultsStarted,
      alertsEmitted: this.#alertsEmitted,
      ticks: this.#sim.ticks,
      storeAvailable: this.#storeError === null,
    };
  }

  /**
   * Pairwise precision/recall/F1 of the incidents against the simulator's ground truth over
   * the most recent simulated alerts; null until there are any.
   */
  liveCorrelationScore(): (PairwiseScores & { alerts: number }) | null {
    if (this.#truth.size === 0) return null;
    const predicted = new Map<string, string[]>();
    const truth = new Map<string, string[]>();
    for (const [id, t] of this.#truth) {
      const incident = this.#desk.currentIncident(t.incident);
      predicted.set(incident, [...(predicted.get(incident) ?? []), id]);
      truth.set(t.truth, [...(truth.get(t.truth) ?? []), id]);
    }
    return {
      ...pairwiseScores([...predicted.values()], [...truth.values()]),
      alerts: this.#truth.size,
    };
  }

  activeIncidentCount(): number {
    return this.#desk.active.size;
  }

  firingAlertCount(): number {
    return this.#desk.firing.size;
  }

  /** Worst firing alert severity per service; services missing from the map are healthy. */
  serviceHealth(): Map<string, 'warning' | 'critical'> {
    const health = new Map<string, 'warning' | 'critical'>();
    for (const alert of this.#desk.firing.values()) {
      const service = alert.labels.service;
      if (!service) continue;
      if (alert.labels.severity === 'critical') health.set(service, 'critical');
      else if (!health.has(service)) health.set(service, 'warning');
    }
    return health;
  }

  scenariosFor(service: string): FaultScenario[] {
    return this.#sim.scenariosFor(service);
  }

  /**
   * Ground truth, recent: every active fault and the most recent ended ones (as many as the
   * simulator keeps, default 500) with the alert ids they caused, newest first. The whole
   * history is in the store: `repo.listFaults`.
   */
  faults(): Fault[] {
    return [...this.#faults.values()].reverse();
  }

  /** Starts the wall-clock loop (idempotent). */
  startTimer(): void {
    if (this.#timer) return;
    this.#lastWall = this.#clock.now();
    const loop = async () => {
      const now = this.#clock.now();
      const elapsed = now - this.#lastWall;
      this.#lastWall = now;
      try {
        if (this.#running) {
          this.#budgetMs = Math.min(
            this.#budgetMs + elapsed * this.#speed,
            MAX_STEPS_PER_LOOP * TICK_SECONDS * 1000,
          );
          const steps = Math.floor(this.#budgetMs / (TICK_SECONDS * 1000));
          this.#budgetMs -= steps * TICK_SECONDS * 1000;
          await this.#advanceSliced(steps);
        } else {
          await this.#mutex.run(() => this.#flush());
        }
      } catch (error) {
        this.#budgetMs = 0;
        this.#options.onBackgroundError?.(error);
      }
      if (this.#timer) this.#timer = setTimeout(loop, LOOP_MS);
    };
    this.#timer = setTimeout(loop, LOOP_MS);
  }

  async close(): Promise<void> {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#mutex.run(() => this.#flush());
  }

  /** Runs `steps` simulator ticks and stores what they produced (tests drive time with it). */
  async advance(steps: number): Promise<void> {
    await this.#mutex.run(() => this.#advanceLocked(steps));
  }

  /** The loop's `advance`: slices of about SLICE_MS, answering waiting requests in between. */
  async #advanceSliced(steps: number): Promise<void> {
    let left = steps;
    do {
      const until = this.#clock.now() + SLICE_MS;
      left -= await this.#mutex.run(() => this.#advanceLocked(left, until));
      // A timer, not setImmediate: the whole event loop turns (timers too) before the next slice.
      if (left > 0) await new Promise((resolve) => setTimeout(resolve, 0));
    } while (left > 0 && this.#running);
  }

  /** Runs up to `steps` ticks, stopping early once the wall clock reaches `until`; returns how many ran. */
  async #advanceLocked(steps: number, until = Number.POSITIVE_INFINITY): Promise<number> {
    // Nothing new is simulated until what is already produced is stored: an outage pauses
    // the estate instead of piling up (or dropping) events.
    await this.#flush();
    let ran = 0;
    while (ran < steps) {
      for (const event of this.#sim.step()) this.#onSimEvent(event, this.#pending);
      await this.#autopilot.tick(this.#pending);
      this.#rollouts.tick(this.#pending, this.#killSwitch.engaged);
      ran++;
      if (this.#clock.now() >= until) break;
    }
    if (ran > 0) {
      this.agents.heartbeat(this.now());
      this.agents.save(this.#pending);
      this.#pending.knowledge.push({
        namespace: 'engine',
        key: 'simulation',
        value: { speed: this.#speed, virtualTime: this.now() } satisfies PersistedSimulation,
      });
    }
    await this.#flush();
    return ran;
  }

  async #flush(): Promise<void> {
    if (this.#pending.empty) return;
    const batch = this.#pending;
    const logs = trimLogs(batch.logs, MAX_LOGS_PER_WRITE);
    await this.#write({ ...batch.build(), logs });
    this.#pending = new BatchBuilder();
    const keep = this.#options.logKeep ?? 20_000;
    this.#logsSincePrune += logs.length;
    if (++this.#writes % PRUNE_EVERY_WRITES === 0 || this.#logsSincePrune > keep * PRUNE_SLACK) {
      this.#logsSincePrune = 0;
      await this.repo.pruneLogs(keep);
    }
    // Retention sweeps on virtual time, so a fast simulation sweeps as often as a slow one.
    const now = this.#sim.now.getTime();
    if (now - this.#sweptAt >= SWEEP_EVERY_MS) {
      this.#sweptAt = now;
      await this.repo.sweepExpired();
    }
  }

  async #probe(): Promise<void> {
    try {
      await this.repo.ping();
      this.#storeError = null;
    } catch (error) {
      this.#storeError = error instanceof Error ? error.message : String(error);
      throw new EngineError('store_unavailable', `Knowledge base unreachable: ${this.#storeError}`);
    }
  }

  /** Every store write goes through here, so store health is known in one place. */
  async #write(batch: WriteBatch): Promise<void> {
    // The id counters travel with the items that use the ids, so none is ever handed out twice.
    const issued = this.#ids.takeIssued();
    try {
      const started = performance.now();
      await this.#storeFitting(addCounts(batch, issued));
      this.#writeVersion++;
      this.#options.onTiming?.('store_write', (performance.now() - started) / 1000);
      this.#storeError = null;
      if (this.#options.onEvent) for (const event of eventsOf(batch)) this.#options.onEvent(event);
    } catch (error) {
      this.#ids.giveBack(issued);
      this.#storeError = error instanceof Error ? error.message : String(error);
      throw new EngineError('store_unavailable', `Knowledge base unreachable: ${this.#storeError}`);
    }
  }

  /**
   * Writes the batch, leaving out any record too large for one store item (the kb refuses it
   * before writing anything): retrying could never succeed and would hold back every later
   * write. Each such record is reported once, on the Logs page and to the server log.
   */
  async #storeFitting(batch: WriteBatch): Promise<void> {
    for (;;) {
      try {
        return await this.repo.write(batch);
      } catch (error) {
        if (!(error instanceof ItemTooLargeError)) throw error;
        batch = withoutEntry(batch, error.entry);
        if (this.#oversized.has(error.record)) continue;
        this.#oversized.add(error.record);
        this.#options.onBackgroundError?.(error);
        this.#pending.logs.push(
          this.#log('error', 'engine', `Not stored: ${error.message}`, this.now()),
        );
      }
    }
  }

  #onSimEvent(event: SimEvent, batch: BatchBuilder): void {
    switch (event.type) {
      case 'metrics':
        for (const sample of event.samples) this.latestMetrics.set(sample.service, sample);
        this.#autopilot.observe(event.samples);
        return;
      case 'log':
        batch.logs.push(this.#log(event.level, event.source, event.message, event.at, event));
        return;
      case 'fault_started':
        this.#recordFault(event.fault, batch);
        batch.count('faultsStarted');
        return;
      case 'fault_spread':
      case 'fault_ended': {
        const fault = this.#sim.fault(event.faultId);
        if (fault) this.#recordFault(fault, batch);
        return;
      }
      case 'alert':
        this.#onSimAlert(event, batch);
        return;
    }
  }

  #onSimAlert(event: Extract<SimEvent, { type: 'alert' }>, batch: BatchBuilder): void {
    const at = event.at;
    if (event.status === 'firing') {
      const alert = this.#desk.fire(
        {
          fingerprint: event.fingerprint,
          status: 'firing',
          labels: { ...event.labels },
          annotations: { ...event.annotations },
          startsAt: event.startsAt,
          endsAt: null,
          receivedAt: at,
          source: 'simulator',
        },
        at,
        batch,
      );
      this.#alertsEmitted++;
      this.#simAlertIds.set(event.key, alert.id);
      const truth = 'faultId' in event.cause ? event.cause.faultId : `noise:${event.fingerprint}`;
      this.#truth.set(alert.id, { truth, incident: alert.incidentId ?? alert.id });
      if (this.#truth.size > LIVE_SCORE_WINDOW)
        this.#truth.delete(this.#truth.keys().next().value ?? '');
      if ('faultId' in event.cause) {
        const fault = this.#faults.get(event.cause.faultId);
        if (fault && !fault.alertIds.includes(alert.id)) {
          const next = { ...fault, alertIds: [...fault.alertIds, alert.id] };
          this.#faults.set(next.id, next);
          batch.faults.set(next.id, next);
        }
      }
      return;
    }
    const id = this.#simAlertIds.get(event.key);
    const alert = id ? this.#desk.firing.get(id) : undefined;
    this.#simAlertIds.delete(event.key);
    if (alert) this.#desk.clear(alert, event.endsAt ?? at, at, batch);
  }

  #recordFault(fault: SimFault, batch: BatchBuilder): void {
    const known = this.#faults.get(fault.id);
    const record: Fault = {
      id: fault.id,
      scenario: fault.scenario,
      rootService: fault.rootService,
      startedAt: fault.startedAt,
      endsAt: fault.endsAt,
      endedAt: fault.endedAt,
      affected: fault.affected.map((a) => ({ ...a })),
      alertIds: known?.alertIds ?? [],
      injectedBy: fault.injectedBy,
    };
    this.#faults.set(record.id, record);
    batch.faults.set(record.id, record);
    if (record.endedAt !== null && !this.#endedFaults.has(record.id)) this.#faultEnded(record.id);
  }

  /** Bounds the faults held: the oldest ended ones go once there are more than the simulator keeps. */
  #faultEnded(id: string): void {
    this.#endedFaults.add(id);
    const kept = this.#options.simulator?.endedFaultsKept ?? DEFAULT_ENDED_FAULTS_KEPT;
    for (const old of this.#endedFaults) {
      if (this.#endedFaults.size <= kept) return;
      this.#endedFaults.delete(old);
      this.#faults.delete(old);
    }
  }

  #log(
    level: LogEntry['level'],
    source: string,
    message: string,
    at: string,
    extra: { service?: string; host?: string } = {},
  ): LogEntry {
    const entry: LogEntry = { id: this.#ids.next('log'), at, level, source, message };
    if (extra.service) entry.service = extra.service;
    if (extra.host) entry.host = extra.host;
    return entry;
  }

  #audit(
    who: Actor,
    action: string,
    target: string,
    change: { before?: unknown; after?: unknown; result?: AuditEvent['result'] },
  ): AuditEvent {
    const event: AuditEvent = {
      id: this.#ids.next('audit'),
      at: this.now(),
      actor: who.actor,
      action,
      target,
      requestId: who.requestId,
      result: change.result ?? 'ok',
    };
    if (change.before !== undefined) event.before = change.before;
    if (change.after !== undefined) event.after = change.after;
    return event;
  }

  /** A synchronous change, through the same path as every other. */
  #mutate<T>(change: (batch: BatchBuilder) => T): Promise<T> {
    return this.#mutateAsync(async (batch) => change(batch));
  }

  /** Records an audit event for a change made elsewhere (e.g. a route with no engine state). */
  recordAudit(who: Actor, action: string, target: string, after?: unknown): Promise<AuditEvent> {
    return this.#mutate((batch) => {
      const event = this.#audit(who, action, target, { after });
      batch.audit.push(event);
      return event;
    });
  }

  setRunning(running: boolean, who: Actor): Promise<SimulationState> {
    return this.#mutate((batch) => {
      const before = this.state();
      this.#running = running;
      this.#budgetMs = 0;
      this.#lastWall = this.#clock.now();
      const after = this.state();
      batch.audit.push(
        this.#audit(who, running ? 'simulation.start' : 'simulation.stop', 'simulation', {
          before: { running: before.running },
          after: { running: after.running },
        }),
      );
      batch.logs.push(
        this.#log(
          'info',
          'engine',
          `Simulation ${running ? 'started' : 'stopped'} by ${who.actor}`,
          this.now(),
        ),
      );
      return after;
    });
  }

  setSpeed(speed: number, who: Actor): Promise<SimulationState> {
    return this.#mutate((batch) => {
      const before = this.#speed;
      this.#speed = speed;
      batch.audit.push(
        this.#audit(who, 'simulation.speed', 'simulation', {
          before: { speed: before },
          after: { speed },
        }),
      );
      batch.knowledge.push({
        namespace: 'engine',
        key: 'simulation',
        value: { speed, virtualTime: this.now() } satisfies PersistedSimulation,
      });
      return this.state();
    });
  }

  injectFault(scenario: FaultScenario, service: string, who: Actor): Promise<Fault> {
    return this.#mutate((batch) => {
      if (this.#killSwitch.engaged) {
        throw new EngineError(
          'kill_switch_engaged',
          'Kill switch is engaged: no new faults are injected',
        );
      }
      let fault: SimFault;
      try {
        fault = this.#sim.injectFault(scenario, service);
      } catch (error) {
        if (error instanceof SimulationError) {
          throw new EngineError(
            'invalid',
            error.message,
            error.code === 'unknown_service' ? 'service' : 'scenario',
          );
        }
        throw error;
      }
      this.#recordFault(fault, batch);
      batch.count('faultsStarted');
      const record = this.#faults.get(fault.id) as Fault;
      batch.audit.push(this.#audit(who, 'simulation.fault', fault.rootService, { after: record }));
      batch.logs.push(
        this.#log(
          'warn',
          'engine',
          `Operator injected ${scenario} on ${fault.rootService}`,
          this.now(),
        ),
      );
      return record;
    });
  }

  /** Alerts from outside (API, Alertmanager): validated against the topology, deduped, grouped. */
  ingestAlerts(inputs: AlertInput[], source: Alert['source'], who: Actor): Promise<Alert[]> {
    return this.#mutate((batch) => {
      const at = this.now();
      const drafts = inputs.map((input, index) =>
        toAlertDraft(input, {
          at,
          source,
          topology: this.topology,
          field: inputs.length > 1 ? `[${index}]` : '',
        }),
      );
      const stored = drafts.map((draft) => {
        if (draft.status === 'firing') return this.#desk.fire(draft, at, batch);
        const firing = this.#desk.findFiring(draft.fingerprint);
        if (firing) return this.#desk.clear(firing, draft.endsAt ?? at, at, batch);
        const alert: Alert = { ...draft, id: this.#ids.next('alert'), incidentId: null };
        batch.alerts.set(alert.id, alert);
        batch.count('alertsReceived');
        return alert;
      });
      batch.audit.push(
        this.#audit(who, 'alerts.ingest', source, { after: { alertIds: stored.map((a) => a.id) } }),
      );
      return stored;
    });
  }

  async getIncident(id: string): Promise<Incident> {
    const incident = this.#desk.active.get(id) ?? (await this.repo.getIncident(id));
    if (!incident) throw new EngineError('not_found', `Incident ${id} not found`, 'id');
    return incident;
  }

  /** The incident's narrative: stored, or the template's now (a model's lands later). */
  narrative(incident: Incident, alerts: readonly Alert[]): string {
    return this.#narration.describe(
      incident,
      alerts,
      this.tasks().filter((t) => t.incidentId === incident.id),
    );
  }

  #storeNarrative(id: string, text: string): Promise<void> {
    return this.#mutate((batch) => {
      const incident = this.#desk.active.get(id);
      if (incident) this.#desk.putIncident({ ...incident, narrative: text }, batch);
    }).catch(() => undefined);
  }

  acknowledgeIncident(id: string, who: Actor, note?: string): Promise<Incident> {
    return this.#transition(id, who, 'incident.acknowledge', (incident, at) =>
      acknowledge(incident, at, who.actor, note),
    );
  }

  resolveIncident(id: string, who: Actor, note?: string): Promise<Incident> {
    return this.#transition(id, who, 'incident.resolve', (incident, at) =>
      incident.status === 'resolved'
        ? { code: 'already_resolved' as const }
        : resolve(incident, at, who.actor, note),
    );
  }

  async #transition(
    id: string,
    who: Actor,
    action: string,
    apply: (incident: Incident, at: string) => Incident | { code: string },
  ): Promise<Incident> {
    const stored = await this.getIncident(id);
    return this.#mutate((batch) => {
      const incident = this.#desk.active.get(id) ?? stored;
      const next = apply(incident, this.now());
      if ('code' in next) {
        throw new EngineError(
          'conflict',
          `Incident ${id} is ${incident.status}: ${next.code.replace('_', ' ')}`,
        );
      }
      this.#desk.putIncident(next, batch);
      batch.audit.push(
        this.#audit(who, action, id, {
          before: { status: incident.status },
          after: { status: next.status },
        }),
      );
      return next;
    });
  }

  setKillSwitch(engaged: boolean, reason: string, who: Actor): Promise<KillSwitchState> {
    return this.#mutate((batch) => {
      const before = this.#killSwitch;
      const at = this.now();
      const after: KillSwitchState = engaged
        ? {
            ...before,
            engaged: true,
            reason,
            engagedAt: before.engaged ? before.engagedAt : at,
            engagedBy: before.engaged ? before.engagedBy : who.actor,
            haltedCount: before.engaged ? before.haltedCount : 0,
            cancelledCount: before.engaged ? before.cancelledCount : 0,
            blockedCount: before.engaged ? before.blockedCount : 0,
          }
        : { ...before, engaged: false, reason, releasedAt: at, releasedBy: who.actor };
      if (engaged && !before.engaged) {
        // Stop what is in flight: rollouts halt where they are, queued decisions are dropped.
        after.haltedCount = this.#rollouts.haltAll(`kill switch engaged: ${reason}`, batch);
        after.cancelledCount = this.#autopilot.cancelQueued();
        if (after.cancelledCount > 0) batch.count('actionsBlocked', after.cancelledCount);
      }
      this.#killSwitch = after;
      this.#sim.setFaultGeneration(this.#generationWanted());
      batch.killSwitch = after;
      batch.audit.push(
        this.#audit(who, engaged ? 'kill_switch.engage' : 'kill_switch.release', 'kill-switch', {
          before: { engaged: before.engaged },
          after: { engaged: after.engaged, reason },
        }),
      );
      batch.logs.push(
        this.#log(
          engaged ? 'error' : 'warn',
          'engine',
          `Kill switch ${engaged ? 'ENGAGED' : 'released'} by ${who.actor}: ${reason}`,
          at,
        ),
      );
      return after;
    });
  }

  #generationWanted(): boolean {
    return (this.#options.simulator?.faultGeneration ?? true) && !this.#killSwitch.engaged;
  }

  /** Runs an autonomous action through the kill-switch gate, recording it either way. */
  guard<T>(
    action: GuardedAction,
    run: (startedAt: string) => Promise<T>,
  ): Promise<GuardOutcome<T>> {
    return this.#mutex.run(async () => {
      const outcome = await guard(
        () => this.#killSwitch,
        () => this.now(),
        action,
        run,
      );
      const batch = new BatchBuilder();
      this.#recordGuarded(action, outcome, batch);
      await this.#write(batch.build());
      return outcome;
    });
  }

  /** The same gate for work already inside the lock (agents acting during a tick). */
  #guarded<T>(
    action: GuardedAction,
    batch: BatchBuilder,
    run: () => T,
  ): { status: 'ran'; result: T } | { status: 'blocked'; reason: string } {
    const at = this.now();
    if (this.#killSwitch.engaged) {
      const reason = `kill switch engaged${this.#killSwitch.reason ? `: ${this.#killSwitch.reason}` : ''} (${action.kind} on ${action.target})`;
      this.#recordGuarded(action, { status: 'blocked', at, reason }, batch);
      return { status: 'blocked', reason };
    }
    const result = run();
    this.#recordGuarded(action, { status: 'ran', startedAt: at, result }, batch);
    return { status: 'ran', result };
  }

  #recordGuarded<T>(action: GuardedAction, outcome: GuardOutcome<T>, batch: BatchBuilder): void {
    const who = { actor: action.actor, requestId: null };
    if (outcome.status === 'blocked') {
      this.#killSwitch = { ...this.#killSwitch, blockedCount: this.#killSwitch.blockedCount + 1 };
      batch.killSwitch = this.#killSwitch;
      batch.count('actionsBlocked');
      batch.audit.push(
        this.#audit(who, action.kind, action.target, {
          result: 'blocked',
          after: { reason: outcome.reason },
        }),
      );
    } else {
      batch.count('actionsRun');
      batch.audit.push(
        this.#audit(who, action.kind, action.target, { after: { startedAt: outcome.startedAt } }),
      );
    }
  }

  // --- agents: tasks, approvals, patches, forecasts -------------------------------------

  runTask(input: TaskInput, who: Actor): Promise<Task> {
    return this.#mutateAsync(async (batch) => {
      const task = await this.#autopilot.runTask(input, who.actor, batch);
      batch.audit.push(
        this.#audit(
          who,
          input.dryRun ? 'task.dry_run' : 'task.run',
          `${input.action} ${task.service}`,
          {
            after: { task: task.id, status: task.status },
            result: task.status === 'blocked' ? 'blocked' : 'ok',
          },
        ),
      );
      return task;
    });
  }

  tasks(): readonly Task[] {
    return this.#autopilot.recentTasks();
  }

  /** Runs the recommended action of an escalated incident. */
  approveIncident(id: string, who: Actor): Promise<Task> {
    return this.#mutateAsync(async (batch) => {
      const task = await this.#autopilot.approve(id, who.actor, batch);
      batch.audit.push(
        this.#audit(who, 'incident.approve', id, { after: { task: task.id, status: task.status } }),
      );
      return task;
    });
  }

  pendingApprovalCount(): number {
    return this.#autopilot.approvals.size;
  }

  pendingApproval(id: string): Decision | null {
    return this.#autopilot.approvals.get(id) ?? null;
  }

  /** Plans held in memory, newest first: every live one and the most recently ended. */
  patches(): PatchPlan[] {
    return this.#rollouts.list();
  }

  /** The last plans (up to 300), newest first, in brief: what the patches list pages. */
  patchSummaries(): PlanSummary[] {
    return this.#rollouts.summaries();
  }

  /** A plan, from memory or (ended long ago) from the store. */
  async patch(id: string): Promise<PatchPlan> {
    const plan = await this.#rollouts.find(this.repo, id);
    if (!plan) throw new EngineError('not_found', `Patch plan ${id} not found`, 'id');
    return plan;
  }

  /** Whole plans for `ids`, in that order; one the store no longer has (retention) is left out. */
  async patchesById(ids: readonly string[]): Promise<PatchPlan[]> {
    const plans = await Promise.all(ids.map((id) => this.#rollouts.find(this.repo, id)));
    return plans.filter((p): p is PatchPlan => p !== null);
  }

  planPatch(service: string, version: string, who: Actor): Promise<PatchPlan> {
    return this.#mutate((batch) => {
      const plan = this.#rollouts.plan(service, version, who.actor, batch);
      batch.audit.push(
        this.#audit(who, 'patch.plan', plan.id, {
          after: { service: plan.service, toVersion: plan.toVersion, risk: plan.risk.score },
        }),
      );
      return plan;
    });
  }

  async patchCommand(
    id: string,
    command: 'approve' | 'abort' | 'resume',
    reason: string | undefined,
    who: Actor,
  ): Promise<PatchPlan> {
    // A plan memory no longer holds ended long ago: the store's copy gets the same refusal.
    const stored = this.#rollouts.held(id) ? undefined : await this.patch(id);
    return this.#mutate((batch) => {
      const before = this.#rollouts.held(id) ?? stored;
      if (!before) throw new EngineError('not_found', `Patch plan ${id} not found`, 'id');
      if (command === 'resume' && this.#killSwitch.engaged) {
        throw new EngineError(
          'kill_switch_engaged',
          'Release the kill switch before resuming a rollout',
        );
      }
      const plan = this.#rollouts.command(id, command, who.actor, reason, batch, before);
      batch.audit.push(
        this.#audit(who, `patch.${command}`, id, {
          before: { state: before.state },
          after: { state: plan.state },
        }),
      );
      return plan;
    });
  }

  forecast(service: string, metric: MetricName): Forecast | null {
    return this.#autopilot.forecast(service, metric);
  }

  forecastSeries(): { service: string; metric: MetricName }[] {
    return this.#autopilot.history.series();
  }

  /** Where a series is in `forecastSeries()` (a stable order: new series come last), in O(1). */
  forecastSeriesPosition(service: string, metric: MetricName): number | undefined {
    const index = this.#autopilot.history.indexOf(service, metric);
    return index < 0 ? undefined : index;
  }

  /** Series with history, how many have a fitted forecast model, model fits and their cost so far. */
  forecastStats(): { series: number; fitted: number; refits: number; spent: number } {
    const { history, forecastModels } = this.#autopilot;
    return {
      series: history.seriesCount,
      fitted: forecastModels.size,
      refits: forecastModels.refits,
      spent: forecastModels.spent,
    };
  }

  predictedRisks(): PredictedRisk[] {
    return this.#autopilot.predictedRisks();
  }

  /**
   * Runs a change under the lock and writes its batch (change + audit + what the agents
   * learned) before answering; changes may await (agents acting through TaskOps).
   */
  #mutateAsync<T>(change: (batch: BatchBuilder) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      // Refuse up front while the store is known to be down, so nothing half-happens.
      if (this.#storeError !== null) await this.#probe();
      await this.#flush();
      const batch = new BatchBuilder();
      const result = await change(batch);
      this.#agents?.save(batch);
      try {
        await this.#write(batch.build());
      } catch {
        // Already applied in memory: keep it queued so the store catches up when it returns.
        this.#pending.absorb(batch);
        throw new EngineError(
          'store_unavailable',
          `Knowledge base became unreachable (${this.#storeError}); the change is kept and will be stored when it is back`,
        );
      }
      return result;
    });
  }
}

/** What a stored batch means to subscribers: incidents opened/updated/resolved, switch changes. */
function* eventsOf(batch: WriteBatch): Generator<EngineEvent> {
  for (const incident of batch.incidents ?? []) {
    const type =
      incident.status === 'resolved'
        ? 'incident.resolved'
        : incident.createdAt === incident.updatedAt
          ? 'incident.opened'
          : 'incident.updated';
    yield { type, incident };
  }
  if (batch.killSwitch) yield { type: 'kill_switch.changed', state: batch.killSwitch };
  for (const item of batch.knowledge ?? []) {
    if (item.namespace !== PATCHES_NS) continue;
    const plan = item.value as PatchPlan;
    // Only writes that carry a new state transition, not every wave measurement.
    if (plan.transitions.at(-1)?.at === plan.updatedAt)
      yield { type: 'rollout.state_changed', plan };
  }
}

/** A config change the agents refuse becomes a 400 naming the field. */
function configChange<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof ConfigError) {
      const first = error.issues[0];
      throw new EngineError(
        'invalid',
        first ? `${first.field}: ${first.message}` : error.message,
        first?.field,
      );
    }
    throw error;
  }
}

/** Keeps every warning and error; drops the oldest info/debug lines past the cap. */
function trimLogs(logs: LogEntry[], cap: number): LogEntry[] {
  let excess = logs.length - cap;
  if (excess <= 0) return logs;
  return logs.filter((entry) => {
    if (excess > 0 && (entry.level === 'info' || entry.level === 'debug')) {
      excess--;
      return false;
    }
    return true;
  });
}
