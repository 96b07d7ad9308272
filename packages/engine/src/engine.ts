import type { Decision, PairwiseScores } from '@watchfloor/agents';
import type {
  AgentConfigVersion,
  Alert,
  AlertInput,
  AuditEvent,
  Fault,
  FaultScenario,
  Forecast,
  Incident,
  KillSwitchState,
  MetricName,
  MetricSample,
  PatchPlan,
  PredictedRisk,
  SimulationState,
  Task,
  TaskInput,
  Topology,
} from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import { createSimulator, type Simulator } from '@watchfloor/sim';
import { AgentDesk } from './agent-desk.ts';
import type { PatchCommand } from './agent-ops.ts';
import { BatchBuilder } from './batch.ts';
import { type Actor, EngineError } from './errors.ts';
import type { GuardedAction, GuardOutcome } from './guard.ts';
import type { IncidentMove } from './incident-ops.ts';
import type { WallClock } from './loop.ts';
import { Mutex } from './mutex.ts';
import type { EngineOptions } from './options.ts';
import { assemble, type Parts } from './parts.ts';
import type { PlanSummary } from './plan-window.ts';
import { savedSimulation, simulationItem } from './simulation-control.ts';

export type { EngineEvent } from './events.ts';
export type { WallClock } from './loop.ts';
export type { EngineOptions } from './options.ts';

/**
 * The running loop: clock ticks -> simulator -> incidents -> knowledge base. This class is
 * the public face of the parts (built in parts.ts): it owns the simulator and the lock, and
 * runs every change under that lock through the one store writer.
 */
export class Engine {
  readonly repo: Repository;
  readonly seed: number;
  /** Latest sample per service, as the agents see them. */
  readonly latestMetrics: Map<string, MetricSample>;
  #sim: Simulator;
  readonly #options: EngineOptions;
  readonly #clock: WallClock;
  #agents: AgentDesk | null = null;
  readonly #mutex = new Mutex();
  readonly #p: Parts;

  constructor(options: EngineOptions) {
    this.#options = options;
    this.repo = options.repo;
    this.seed = options.seed;
    this.#clock = options.clock ?? { now: () => Date.now() };
    this.#sim = this.#createSim(options.start ?? new Date());
    // Retention runs on virtual time: what expired by the simulation's clock is gone.
    options.repo.setClock(() => this.#sim.now.getTime());
    this.#p = assemble(options, {
      clock: this.#clock,
      sim: () => this.#sim,
      now: () => this.now(),
      agents: () => this.agents,
      state: () => this.state(),
      advance: (steps, until) => this.#mutex.run(() => this.#advanceLocked(steps, until)),
      idle: () => this.#mutex.run(() => this.#p.store.flush()),
      storeNarrative: (id, text) => this.#storeNarrative(id, text),
    });
    this.latestMetrics = this.#p.latestMetrics;
  }

  #createSim(start: Date): Simulator {
    return createSimulator({ ...this.#options.simulator, seed: this.seed, start });
  }

  /** Restores ids, kill switch, live incidents and virtual time from the store. */
  async init(): Promise<void> {
    await this.#p.ids.restore(this.repo);
    await this.#p.killSwitch.restore(this.repo);
    const saved = await savedSimulation(this.repo);
    if (saved) {
      this.#p.loop.speed = this.#options.speed ?? saved.speed;
      this.#sim = this.#createSim(new Date(saved.virtualTime));
    }
    this.#p.killSwitch.syncFaultGeneration();
    await this.#p.desk.restore(this.repo);
    this.#agents = await AgentDesk.load(
      this.repo,
      this.topology,
      this.seed,
      this.#options.learning ?? true,
      this.now(),
    );
    await this.#p.tasks.restore(this.repo);
    this.#p.predictive.prepare(this.topology.services.map((s) => s.id));
    await this.#p.rollouts.restore(this.repo);
    await this.#retireOrphanedSimulatorAlerts();
  }

  /** Simulator and predicted alerts still firing from before a restart belong to an estate (and a detector) that no longer exists. */
  async #retireOrphanedSimulatorAlerts(): Promise<void> {
    const batch = new BatchBuilder();
    this.#p.desk.clearSimulated(this.now(), batch);
    if (!batch.empty) await this.#p.store.write(batch.build());
  }

  get topology(): Topology {
    return this.#sim.topology;
  }

  now(): string {
    return this.#sim.now.toISOString();
  }

  /** Grows with every successful store write: read caches compare it to know they are stale. */
  get writeVersion(): number {
    return this.#p.store.version;
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
    return this.#mutate((batch) =>
      this.#p.agentOps.changeConfig(id, { patch }, reason, who, batch),
    );
  }

  rollbackAgentConfig(
    id: string,
    version: number,
    reason: string | undefined,
    who: Actor,
  ): Promise<AgentConfigVersion> {
    return this.#mutate((batch) =>
      this.#p.agentOps.changeConfig(id, { version }, reason, who, batch),
    );
  }

  get killSwitch(): KillSwitchState {
    return this.#p.killSwitch.state;
  }

  state(): SimulationState {
    return {
      running: this.#p.loop.running,
      speed: this.#p.loop.speed,
      seed: this.seed,
      virtualTime: this.now(),
      faultGeneration: this.#sim.faultGeneration,
      activeFaults: this.#sim.activeFaults.length,
      faultsInjected: this.#sim.faultsStarted,
      alertsEmitted: this.#p.feed.alertsEmitted,
      ticks: this.#sim.ticks,
      storeAvailable: this.#p.store.error === null,
    };
  }

  /**
   * Pairwise precision/recall/F1 of the incidents against the simulator's ground truth over
   * the most recent simulated alerts; null until there are any.
   */
  liveCorrelationScore(): (PairwiseScores & { alerts: number }) | null {
    return this.#p.score.score((id) => this.#p.desk.currentIncident(id));
  }

  activeIncidentCount(): number {
    return this.#p.desk.active.size;
  }

  firingAlertCount(): number {
    return this.#p.desk.firing.size;
  }

  /** Worst firing alert severity per service; services missing from the map are healthy. */
  serviceHealth(): Map<string, 'warning' | 'critical'> {
    return this.#p.desk.serviceHealth();
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
    return this.#p.faults.list();
  }

  /** Starts the wall-clock loop (idempotent). */
  startTimer(): void {
    this.#p.loop.start();
  }

  async close(): Promise<void> {
    this.#p.loop.stop();
    await this.#mutex.run(() => this.#p.store.flush());
  }

  /** Runs `steps` simulator ticks and stores what they produced (tests drive time with it). */
  async advance(steps: number): Promise<void> {
    await this.#mutex.run(() => this.#advanceLocked(steps));
  }

  /** Runs up to `steps` ticks, stopping early once the wall clock reaches `until`; returns how many ran. */
  async #advanceLocked(steps: number, until = Number.POSITIVE_INFINITY): Promise<number> {
    // Nothing new is simulated until what is already produced is stored: an outage pauses
    // the estate instead of piling up (or dropping) events.
    await this.#p.store.flush();
    const pending = this.#p.store.pending;
    let ran = 0;
    while (ran < steps) {
      for (const event of this.#sim.step()) this.#p.feed.apply(event, pending);
      await this.#p.autopilot.tick(pending);
      this.#p.rollouts.tick(pending, this.#p.killSwitch.state.engaged);
      ran++;
      if (this.#clock.now() >= until) break;
    }
    if (ran > 0) {
      this.agents.heartbeat(this.now());
      this.agents.save(pending);
      pending.knowledge.push(simulationItem(this.#p.loop.speed, this.now()));
    }
    await this.#p.store.flush();
    return ran;
  }

  setRunning(running: boolean, who: Actor): Promise<SimulationState> {
    return this.#mutate((batch) => this.#p.control.setRunning(running, who, batch));
  }

  setSpeed(speed: number, who: Actor): Promise<SimulationState> {
    return this.#mutate((batch) => this.#p.control.setSpeed(speed, who, batch));
  }

  injectFault(scenario: FaultScenario, service: string, who: Actor): Promise<Fault> {
    return this.#mutate((batch) => this.#p.control.injectFault(scenario, service, who, batch));
  }

  /** Alerts from outside (API, Alertmanager): validated against the topology, deduped, grouped. */
  ingestAlerts(inputs: AlertInput[], source: Alert['source'], who: Actor): Promise<Alert[]> {
    return this.#mutate((batch) => this.#p.incidentOps.ingest(inputs, source, who, batch));
  }

  async getIncident(id: string): Promise<Incident> {
    const incident = this.#p.desk.active.get(id) ?? (await this.repo.getIncident(id));
    if (!incident) throw new EngineError('not_found', `Incident ${id} not found`, 'id');
    return incident;
  }

  /** The incident's narrative: stored, or the template's now (a model's lands later). */
  narrative(incident: Incident, alerts: readonly Alert[]): string {
    return this.#p.narration.describe(
      incident,
      alerts,
      this.tasks().filter((t) => t.incidentId === incident.id),
    );
  }

  #storeNarrative(id: string, text: string): Promise<void> {
    return this.#mutate((batch) => this.#p.incidentOps.storeNarrative(id, text, batch)).catch(
      () => undefined,
    );
  }

  acknowledgeIncident(id: string, who: Actor, note?: string): Promise<Incident> {
    return this.#move('acknowledge', id, who, note);
  }

  resolveIncident(id: string, who: Actor, note?: string): Promise<Incident> {
    return this.#move('resolve', id, who, note);
  }

  async #move(move: IncidentMove, id: string, who: Actor, note?: string): Promise<Incident> {
    const stored = await this.getIncident(id);
    return this.#mutate((batch) => this.#p.incidentOps.move(move, id, stored, who, note, batch));
  }

  setKillSwitch(engaged: boolean, reason: string, who: Actor): Promise<KillSwitchState> {
    return this.#mutate((batch) => this.#p.killSwitch.set(engaged, reason, who, batch));
  }

  /** Runs an autonomous action through the kill-switch gate, recording it either way. */
  guard<T>(
    action: GuardedAction,
    run: (startedAt: string) => Promise<T>,
  ): Promise<GuardOutcome<T>> {
    return this.#mutex.run(async () => {
      const batch = new BatchBuilder();
      const outcome = await this.#p.killSwitch.gate(action, run, batch);
      await this.#p.store.write(batch.build());
      return outcome;
    });
  }

  // --- agents: tasks, approvals, patches, forecasts -------------------------------------

  runTask(input: TaskInput, who: Actor): Promise<Task> {
    return this.#mutateAsync((batch) => this.#p.agentOps.runTask(input, who, batch));
  }

  tasks(): readonly Task[] {
    return this.#p.tasks.recent();
  }

  /** Runs the recommended action of an escalated incident. */
  approveIncident(id: string, who: Actor): Promise<Task> {
    return this.#mutateAsync((batch) => this.#p.agentOps.approveIncident(id, who, batch));
  }

  pendingApprovalCount(): number {
    return this.#p.autopilot.approvals.size;
  }

  pendingApproval(id: string): Decision | null {
    return this.#p.autopilot.approvals.get(id) ?? null;
  }

  /** Plans held in memory, newest first: every live one and the most recently ended. */
  patches(): PatchPlan[] {
    return this.#p.rollouts.list();
  }

  /** The last plans (up to 300), newest first, in brief: what the patches list pages. */
  patchSummaries(): PlanSummary[] {
    return this.#p.rollouts.summaries();
  }

  /** A plan, from memory or (ended long ago) from the store. */
  async patch(id: string): Promise<PatchPlan> {
    const plan = await this.#p.rollouts.find(this.repo, id);
    if (!plan) throw new EngineError('not_found', `Patch plan ${id} not found`, 'id');
    return plan;
  }

  /** Whole plans for `ids`, in that order; one the store no longer has (retention) is left out. */
  async patchesById(ids: readonly string[]): Promise<PatchPlan[]> {
    const plans = await Promise.all(ids.map((id) => this.#p.rollouts.find(this.repo, id)));
    return plans.filter((p): p is PatchPlan => p !== null);
  }

  planPatch(service: string, version: string, who: Actor): Promise<PatchPlan> {
    return this.#mutate((batch) => this.#p.agentOps.planPatch(service, version, who, batch));
  }

  async patchCommand(
    id: string,
    command: PatchCommand,
    reason: string | undefined,
    who: Actor,
  ): Promise<PatchPlan> {
    // A plan memory no longer holds ended long ago: the store's copy gets the same refusal.
    const stored = this.#p.rollouts.held(id) ? undefined : await this.patch(id);
    return this.#mutate((batch) =>
      this.#p.agentOps.patchCommand(id, command, reason, who, batch, stored),
    );
  }

  forecast(service: string, metric: MetricName): Forecast | null {
    return this.#p.predictive.forecast(service, metric);
  }

  forecastSeries(): { service: string; metric: MetricName }[] {
    return this.#p.predictive.history.series();
  }

  /** Where a series is in `forecastSeries()` (a stable order: new series come last), in O(1). */
  forecastSeriesPosition(service: string, metric: MetricName): number | undefined {
    const index = this.#p.predictive.history.indexOf(service, metric);
    return index < 0 ? undefined : index;
  }

  /** Series with history, how many have a fitted forecast model, model fits and their cost so far. */
  forecastStats(): { series: number; fitted: number; refits: number; spent: number } {
    const { history, forecastModels } = this.#p.predictive;
    return {
      series: history.seriesCount,
      fitted: forecastModels.size,
      refits: forecastModels.refits,
      spent: forecastModels.spent,
    };
  }

  predictedRisks(): PredictedRisk[] {
    return this.#p.predictive.predictedRisks();
  }

  /** Records an audit event for a change made elsewhere (e.g. a route with no engine state). */
  recordAudit(who: Actor, action: string, target: string, after?: unknown): Promise<AuditEvent> {
    return this.#mutate((batch) => {
      const event = this.#p.records.audit(who, action, target, { after });
      batch.audit.push(event);
      return event;
    });
  }

  /** A synchronous change, through the same path as every other. */
  #mutate<T>(change: (batch: BatchBuilder) => T): Promise<T> {
    return this.#mutateAsync(async (batch) => change(batch));
  }

  /**
   * Runs a change under the lock and writes its batch (change + audit + what the agents
   * learned) before answering; changes may await (agents acting through TaskOps).
   */
  #mutateAsync<T>(change: (batch: BatchBuilder) => Promise<T>): Promise<T> {
    return this.#mutex.run(async () => {
      await this.#p.store.ready();
      const batch = new BatchBuilder();
      const result = await change(batch);
      this.#agents?.save(batch);
      await this.#p.store.commit(batch);
      return result;
    });
  }
}
