import {
  type Decision,
  ForecastCache,
  ForecastModels,
  IdempotencyLedger,
  isInstanceNoise,
  MetricHistory,
  type ObservationSnapshot,
  OutcomeJudge,
  RiskDetector,
  rootCauseEvident,
  runTask,
  type TaskRecord,
  thresholdsFromRules,
} from '@watchfloor/agents';
import {
  type Alert,
  type Forecast,
  type Incident,
  type MetricName,
  type MetricSample,
  type PredictedRisk,
  parseIdNumber,
  type Task,
  type TaskInput,
} from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import { type Simulator, THRESHOLDS } from '@watchfloor/sim';
import type { AgentDesk } from './agent-desk.ts';
import type { BatchBuilder } from './batch.ts';
import type { IncidentDesk } from './desk.ts';
import { EngineError } from './errors.ts';
import type { IdAllocator } from './ids.ts';
import { alertMembers } from './incidents.ts';

/**
 * Virtual time an incident settles (its alerts arrive, the root firms up) before acting: at
 * least `MIN_SETTLE_MS`, then as soon as the suspected root shows a cause alert of its own,
 * and at most `SETTLE_MS` for incidents whose root shows only symptoms.
 */
const MIN_SETTLE_MS = 20_000;
const SETTLE_MS = 60_000;
/**
 * How the outcome judge watches an action's root service: a right action ends the trouble
 * within a tick or two, so alerts must clear within `windowMs` and stay clear for `holdMs`;
 * clearing later is the fault running its course.
 */
const JUDGE_WINDOW_MS = 60_000;
const JUDGE_HOLD_MS = 30_000;
/** How long a scaled-out service must stay quiet before the extra instance goes back. */
const SCALE_BACK_AFTER_MS = 2 * 60_000;
/** Risks are checked every few ticks; the detector itself sees every sample. */
const RISK_CHECK_EVERY_TICKS = 3;
/**
 * Forecast-model refits per tick, in REFIT_COST units (a refit from the previous model ~0.5
 * ms, one from scratch ~2 ms): at most ~12 ms a tick however large the estate (24 leaves
 * room for a GC pause under the 50 ms a tick may block). Each series is refit hourly as far
 * as the budget allows: 36 services (216 series) are all fitted within 36 ticks of their
 * fourth bucket; 5,000 services (30,000 series) within 5,000 ticks (~14 virtual hours), then
 * refit every ~3.5 h. Forecasts follow every bucket regardless.
 */
export const FORECAST_REFIT_BUDGET = 24;
/** One extra warm-up sample of spread per this many services (none for the default 36). */
const WARMUP_SPREAD_PER_SERVICES = 400;
/** Built forecasts kept for repeated reads (~1,000 points each; rebuilt from a model in ~0.1 ms). */
const FORECAST_CACHE_ENTRIES = 500;
export const TASKS_NS = 'tasks';

const predictedAlertName: Partial<Record<MetricName, string>> = {
  memory: 'PredictedMemoryExhaustion',
  disk: 'PredictedDiskFull',
};

/** Knowledge keys that list newest first: ids counted down from a large number. */
export const newestFirstKey = (id: string): string =>
  String(1e12 - (parseIdNumber(id) ?? 0)).padStart(13, '0');

/** What the autopilot needs from the engine, without reaching into it. */
export interface AutopilotContext {
  sim: () => Simulator;
  /** Task and plan ids come from here, so they are never reused (see ids.ts). */
  ids: IdAllocator;
  desk: IncidentDesk;
  agents: () => AgentDesk;
  now: () => string;
  latestMetrics: Map<string, MetricSample>;
  /** Runs `run` when the kill switch allows, recording the action (or its block) in the batch. */
  guarded: <T>(
    action: { kind: string; target: string; actor: string },
    batch: BatchBuilder,
    run: () => T,
  ) => { status: 'ran'; result: T } | { status: 'blocked'; reason: string };
  fireAlert: (draft: Omit<Alert, 'id' | 'incidentId'>, batch: BatchBuilder) => Alert;
  clearAlert: (alert: Alert, batch: BatchBuilder) => void;
  log: (
    level: 'info' | 'warn' | 'error',
    source: string,
    message: string,
    batch: BatchBuilder,
  ) => void;
  audit: (
    actor: string,
    action: string,
    target: string,
    batch: BatchBuilder,
    change: { before?: unknown; after?: unknown; result?: 'ok' | 'blocked' | 'error' },
  ) => void;
}

interface Judging {
  decision: Decision;
  /** Where to watch: the action's service, and callers when that showed nothing itself. */
  services: ReadonlySet<string>;
  /** The action answered a predicted risk, so its predicted alert must clear too. */
  predicted: boolean;
  taskId: string;
  actionAt: string;
  before: ObservationSnapshot;
  after: ObservationSnapshot[];
}

/**
 * The agents at work on the live stream: PredictiveOps watches metrics and raises predicted
 * alerts; the orchestrator decides what to do about each settled incident; TaskOps runs the
 * runbook action through the kill-switch guard; the outcome judge reports back so the
 * orchestrator learns. Everything decided is written through the caller's batch.
 */
export class Autopilot {
  /** Bucket means only: nothing reads raw samples, and 5,000 services × 1 h of them is 100 MB. */
  readonly history = new MetricHistory({ rawCapacity: 0 });
  readonly forecastModels = new ForecastModels();
  readonly #detector: RiskDetector;
  readonly #forecasts = new ForecastCache(FORECAST_CACHE_ENTRIES);
  readonly #judge = new OutcomeJudge({ windowMs: JUDGE_WINDOW_MS, holdMs: JUDGE_HOLD_MS });
  readonly #ledger = new IdempotencyLedger<TaskRecord>();
  readonly #risks = new Map<string, { risk: PredictedRisk; alert: Alert }>();
  readonly #settling = new Map<string, number>();
  readonly #judging = new Map<string, Judging>();
  /** Instances the autopilot added to mitigate, to hand back once the service is quiet. */
  readonly #scaledOut = new Map<
    string,
    { instances: number; quietSince: number | null; incidentId: string }
  >();
  /** Escalated incidents' recommendations, awaiting an operator's approval. */
  readonly approvals = new Map<string, Decision>();
  readonly #recentTasks: Task[] = [];
  #ticks = 0;

  constructor(
    private readonly ctx: AutopilotContext,
    private readonly enabled: boolean,
  ) {
    // A large estate warms its series up over a few ticks rather than all in one.
    const services = ctx.sim().topology.services.length;
    this.#detector = new RiskDetector(thresholdsFromRules(THRESHOLDS), {
      warmupSpread: Math.min(12, Math.floor(services / WARMUP_SPREAD_PER_SERVICES)),
    });
  }

  async restore(repo: Repository): Promise<void> {
    const newest = await repo.listKnowledge(TASKS_NS, { limit: 50 });
    const first = newest.items[0]?.value as Task | undefined;
    this.ctx.ids.atLeast('task', first ? (parseIdNumber(first.id) ?? 0) : 0);
    for (const item of [...newest.items].reverse()) this.#remember(item.value as Task);
  }

  /** Sets up history and trackers for the estate, so the first tick does not allocate them all. */
  prepare(services: readonly string[]): void {
    for (const service of services) {
      this.history.track(service);
      this.#detector.track(service);
    }
  }

  /** Every metrics sample: history for forecasts, the detector for predicted risks. */
  observe(samples: readonly MetricSample[]): void {
    this.history.addAll(samples);
    this.#detector.observeAll(samples);
  }

  /** Incidents the engine just opened wait to settle before the orchestrator decides. */
  noteOpened(incident: Incident): void {
    if (this.enabled) this.#settling.set(incident.id, Date.parse(incident.createdAt));
  }

  /** One simulator tick's worth of agent work. */
  async tick(batch: BatchBuilder): Promise<void> {
    // Forecasts are read with agents off too.
    this.forecastModels.refitDue(this.history, FORECAST_REFIT_BUDGET);
    if (!this.enabled) return;
    this.ctx.agents().heartbeat(this.ctx.now());
    if (++this.#ticks % RISK_CHECK_EVERY_TICKS === 0) this.#checkRisks(batch);
    await this.#decideSettled(batch);
    this.#judgeOutcomes(batch);
    await this.#scaleBack(batch);
    // A recommendation dies with its incident: nothing left to approve once it resolved.
    for (const id of this.approvals.keys())
      if (!this.ctx.desk.active.has(id)) this.approvals.delete(id);
  }

  /**
   * A scale-out is a mitigation, not a new size: once the service has been quiet for a while
   * the instance goes back, so the next incident there still has headroom to scale out into.
   */
  async #scaleBack(batch: BatchBuilder): Promise<void> {
    const now = Date.parse(this.ctx.now());
    for (const [service, held] of this.#scaledOut) {
      const busy =
        [...this.#judging.values()].some((j) => j.decision.action?.service === service) ||
        [...this.ctx.desk.firingOn(service)].some((a) => a.labels.service === service);
      if (busy) {
        held.quietSince = null;
        continue;
      }
      held.quietSince ??= now;
      if (now - held.quietSince < SCALE_BACK_AFTER_MS) continue;
      const task = await this.runTask(
        {
          action: 'scale_in',
          service,
          reason: `${held.incidentId}: handing back the instance added to mitigate it`,
        },
        'taskops',
        batch,
        held.incidentId,
      );
      if (task.status === 'blocked') continue;
      held.instances--;
      held.quietSince = null;
      if (held.instances <= 0 || task.status !== 'succeeded') this.#scaledOut.delete(service);
    }
  }

  forecast(service: string, metric: MetricName): Forecast | null {
    const threshold = thresholdsFromRules(THRESHOLDS, [metric])[metric] ?? null;
    // A series the background refits have not reached yet is fitted in full here, once per bucket.
    const model = this.forecastModels.get(this.history, service, metric);
    return this.#forecasts.get(this.history, service, metric, {
      now: this.ctx.now(),
      threshold,
      model,
    });
  }

  predictedRisks(): PredictedRisk[] {
    return [...this.#risks.values()].map((r) => r.risk);
  }

  recentTasks(): readonly Task[] {
    return this.#recentTasks;
  }

  #checkRisks(batch: BatchBuilder): void {
    const now = this.ctx.now();
    const current = new Map(this.#detector.check(now).map((r) => [`${r.service}|${r.metric}`, r]));
    for (const [key, held] of this.#risks) {
      if (current.has(key)) continue;
      this.ctx.clearAlert(held.alert, batch);
      this.#risks.delete(key);
    }
    for (const [key, risk] of current) {
      const held = this.#risks.get(key);
      if (held) {
        held.risk = risk;
        continue;
      }
      const alertname = predictedAlertName[risk.metric];
      const service = this.ctx.sim().topology.services.find((s) => s.id === risk.service);
      if (!alertname || !service) continue;
      const minutes = Math.max(1, Math.round(risk.inSeconds / 60));
      const alert = this.ctx.fireAlert(
        {
          fingerprint: `predictive:${key}`,
          status: 'firing',
          labels: {
            alertname,
            service: risk.service,
            severity: 'warning',
            region: service.region,
            predicted: 'true',
          },
          annotations: {
            summary: `${risk.metric} of ${risk.service} is predicted to cross ${pct(risk.threshold)} in ~${minutes} min`,
            description: `now ${pct(risk.current)}, rising ${pct(risk.trendPerMinute)}/min; confidence ${Math.round(risk.confidence * 100)}%`,
          },
          startsAt: now,
          endsAt: null,
          receivedAt: now,
          source: 'predictive',
        },
        batch,
      );
      this.#risks.set(key, { risk, alert });
      this.ctx.log(
        'warn',
        'predictiveops',
        `${alert.labels.alertname}: ${alert.annotations.summary}`,
        batch,
      );
    }
  }

  async #decideSettled(batch: BatchBuilder): Promise<void> {
    const now = Date.parse(this.ctx.now());
    for (const [id, openedAt] of this.#settling) {
      const waited = now - openedAt;
      if (waited < MIN_SETTLE_MS) continue;
      const incident = this.ctx.desk.active.get(id);
      if (incident?.status !== 'open') {
        this.#settling.delete(id);
        continue;
      }
      // Early only once the suspected root shows a cause of its own; otherwise give the
      // root time to firm up.
      const root = incident.suspectedRoot?.service;
      const evident =
        root !== undefined &&
        rootCauseEvident(this.#firingOn(root).map((a) => a.labels.alertname ?? ''));
      if (!evident && waited < SETTLE_MS) continue;
      this.#settling.delete(id);
      await this.#decide(incident, batch);
    }
  }

  async #decide(incident: Incident, batch: BatchBuilder): Promise<void> {
    const now = this.ctx.now();
    const agents = this.ctx.agents();
    const root = incident.suspectedRoot;
    const tier = root
      ? (this.ctx.sim().topology.services.find((s) => s.id === root.service)?.tier ?? null)
      : null;
    const alertNames = this.#alertsOf(incident).map((a) => a.labels.alertname ?? '');
    // What the root shows itself, whichever incident AlertOps filed its alerts under.
    const rootAlertNames = root
      ? this.#firingOn(root.service).map((a) => a.labels.alertname ?? '')
      : [];
    const decision = agents.orchestrator.decide(
      {
        id: incident.id,
        alertNames:
          alertNames.length > 0 ? alertNames : [incident.title.split(' ')[0] ?? 'unknown'],
        services: incident.services,
        rootAlertNames,
        suspectedRoot: root ? { service: root.service, confidence: root.confidence } : null,
        rootTier: tier,
        severity: incident.severity,
        openedAt: incident.createdAt,
      },
      now,
    );
    agents.registry.recordRun('orchestrator', true, now);
    this.ctx.audit('orchestrator', 'incident.decide', incident.id, batch, {
      after: {
        action: decision.action,
        mode: decision.mode,
        confidence: decision.confidence,
        reason: decision.reason,
      },
    });
    if (!decision.action) {
      this.#note(
        incident,
        `Orchestrator: no runbook action fits (${decision.reason}); left to operators`,
        batch,
      );
      return;
    }
    const what = `${decision.action.kind} on ${decision.action.service}`;
    if (decision.mode !== 'act') {
      this.approvals.set(incident.id, decision);
      this.ctx.desk.putIncident(
        {
          ...incident,
          status: 'escalated',
          updatedAt: now,
          timeline: [
            ...incident.timeline,
            {
              at: now,
              kind: 'note',
              message: `Escalated to a human: recommends ${what} (confidence ${Math.round(decision.confidence * 100)}%, ${decision.reason}); approve to run it`,
              actor: 'orchestrator',
            },
          ],
        },
        batch,
      );
      return;
    }
    await this.#act(incident, decision, 'taskops', batch);
  }

  /** An operator approves an escalated incident's recommended action. */
  async approve(incidentId: string, actor: string, batch: BatchBuilder): Promise<Task> {
    const decision = this.approvals.get(incidentId);
    const incident = this.ctx.desk.active.get(incidentId);
    if (!decision || !incident) {
      throw new EngineError(
        'conflict',
        `Incident ${incidentId} has no recommended action awaiting approval`,
      );
    }
    this.approvals.delete(incidentId);
    return this.#act(incident, decision, actor, batch);
  }

  async #act(
    incident: Incident,
    decision: Decision,
    actor: string,
    batch: BatchBuilder,
  ): Promise<Task> {
    const action = decision.action;
    if (!action) throw new EngineError('conflict', 'nothing to run');
    const own = this.#alertsOf(incident, action.service);
    const predicted = own.some((a) => a.source === 'predictive');
    // A root that shows nothing itself (a partition: its callers cannot reach it) is judged
    // by the callers that relayed the trouble.
    const services = new Set(
      own.length > 0 ? [action.service] : [action.service, ...incident.services],
    );
    const before = this.#snapshot(action.service, services, predicted);
    const task = await this.runTask(
      {
        action: action.kind,
        service: action.service,
        reason: `${incident.id}: ${decision.reason}`,
      },
      actor,
      batch,
      incident.id,
    );
    const now = this.ctx.now();
    const ran = task.status === 'succeeded';
    const latest = this.ctx.desk.active.get(incident.id) ?? incident;
    this.ctx.desk.putIncident(
      {
        ...latest,
        status: ran ? 'mitigating' : latest.status === 'escalated' ? 'escalated' : latest.status,
        updatedAt: now,
        timeline: [
          ...latest.timeline,
          {
            at: now,
            kind: 'action',
            message: `${task.id} ${action.kind} on ${action.service}: ${task.status}${task.result ? ` — ${task.result.message}` : ''}`,
            actor,
          },
        ],
      },
      batch,
    );
    if (ran && action.kind === 'scale_out') {
      const instances = (this.#scaledOut.get(action.service)?.instances ?? 0) + 1;
      this.#scaledOut.set(action.service, { instances, quietSince: null, incidentId: incident.id });
    }
    if (ran)
      this.#judging.set(incident.id, {
        decision,
        services,
        predicted,
        taskId: task.id,
        actionAt: now,
        before,
        after: [],
      });
    else {
      const record = this.ctx
        .agents()
        .orchestrator.recordOutcome(
          incident.id,
          decision,
          'not_mitigated',
          { actionResult: task.status === 'blocked' ? 'blocked' : 'failed' },
          now,
        );
      this.ctx.audit('orchestrator', 'outcome.record', incident.id, batch, {
        after: { status: record.status },
      });
    }
    return task;
  }

  /** Runs a runbook action (operator or agent) through the guard and records it as `ACT-…`. */
  async runTask(
    input: TaskInput,
    actor: string,
    batch: BatchBuilder,
    incidentId: string | null = null,
  ): Promise<Task> {
    const sim = this.ctx.sim();
    const record = await runTask(
      input,
      {
        topology: sim.topology,
        metrics: this.ctx.latestMetrics,
        // The guard is the one kill-switch gate: it checks at the moment of starting and records blocks.
        killSwitch: { engaged: false, reason: null },
      },
      (kind, service, params) => {
        const outcome = this.ctx.guarded(
          { kind: `task.${kind}`, target: service, actor },
          batch,
          () => sim.applyAction(kind, service, params),
        );
        return outcome.status === 'ran'
          ? outcome.result
          : { applied: false, message: outcome.reason, blocked: true };
      },
      { now: () => this.ctx.now(), requestedBy: actor, incidentId, ledger: this.#ledger },
    );
    const existing = record.idempotencyKey
      ? this.#recentTasks.find(
          (t) => t.idempotencyKey === record.idempotencyKey && t.requestedAt === record.requestedAt,
        )
      : undefined;
    if (existing) return existing;
    // A blocked action never started: no start time, so none can fall after engagedAt.
    const startedAt = record.status === 'blocked' ? null : record.startedAt;
    const task: Task = { ...record, startedAt, id: this.ctx.ids.next('task') };
    this.#remember(task);
    batch.knowledge.push({ namespace: TASKS_NS, key: newestFirstKey(task.id), value: task });
    if (task.status === 'succeeded')
      this.ctx.agents().registry.recordRun('taskops', true, task.finishedAt ?? this.ctx.now());
    if (task.status === 'failed')
      this.ctx.agents().registry.recordRun('taskops', false, task.finishedAt ?? this.ctx.now());
    this.ctx.log(
      task.status === 'succeeded' || task.status === 'dry_run' ? 'info' : 'warn',
      'taskops',
      `${task.id} ${task.action} on ${task.service} by ${actor}: ${task.status}${task.result ? ` — ${task.result.message}` : ''}`,
      batch,
    );
    return task;
  }

  #judgeOutcomes(batch: BatchBuilder): void {
    const now = this.ctx.now();
    const orchestrator = this.ctx.agents().orchestrator;
    for (const [incidentId, judging] of this.#judging) {
      const service = judging.decision.action?.service;
      if (service) judging.after.push(this.#snapshot(service, judging.services, judging.predicted));
      const verdict = this.#judge.judge({
        actionAt: judging.actionAt,
        before: judging.before,
        after: judging.after,
        now,
      });
      if (verdict.outcome === 'pending') continue;
      this.#judging.delete(incidentId);
      const record = orchestrator.recordOutcome(
        incidentId,
        judging.decision,
        verdict.outcome,
        verdict.outcome === 'mitigated'
          ? {
              actionResult: 'succeeded',
              mitigatedAt: verdict.mitigatedAt,
              residualRisk: verdict.residualRisk,
            }
          : { actionResult: 'succeeded', residualRisk: verdict.residualRisk },
        now,
      );
      this.ctx.audit('orchestrator', 'outcome.record', incidentId, batch, {
        after: {
          status: record.status,
          task: judging.taskId,
          timeToMitigateMs: record.timeToMitigateMs,
        },
      });
      this.ctx.log(
        verdict.outcome === 'mitigated' ? 'info' : 'warn',
        'orchestrator',
        `${incidentId}: ${judging.decision.action?.kind} ${verdict.outcome.replace('_', ' ')} (learning ${orchestrator.learning ? 'on' : 'off'})`,
        batch,
      );
    }
  }

  /** Every alert firing on `service`, in any incident. */
  #firingOn(service: string): Alert[] {
    return [...this.ctx.desk.firingOn(service)].filter(
      (a) => a.labels.service === service && a.labels.alertname,
    );
  }

  /** The incident's firing alerts, only those on `service` when given. */
  #alertsOf(incident: Incident, service?: string): Alert[] {
    const out: Alert[] = [];
    for (const id of alertMembers(incident)) {
      const alert = this.ctx.desk.firing.get(id);
      if (alert?.labels.alertname && (!service || alert.labels.service === service))
        out.push(alert);
    }
    return out;
  }

  /**
   * What the judge sees of an action: the alerts firing on the services it watches (predicted
   * ones only when the action answered a predicted risk) and the action's service's metrics.
   * Callers' alerts count only for a root that showed nothing itself: they also carry other
   * faults passing through them. One instance flapping or restarting is no verdict either.
   */
  #snapshot(
    service: string,
    services: ReadonlySet<string>,
    predicted: boolean,
  ): ObservationSnapshot {
    let firingAlerts = 0;
    const watched = [...services].flatMap((s) => [...this.ctx.desk.firingOn(s)]);
    for (const alert of watched) {
      if (!services.has(alert.labels.service ?? '')) continue;
      if (isInstanceNoise(alert.labels.alertname ?? '')) continue;
      if (alert.source !== 'predictive' || predicted) firingAlerts++;
    }
    const metrics = this.ctx.latestMetrics.get(service)?.values ?? {};
    return { at: this.ctx.now(), firingAlerts, metrics };
  }

  #note(incident: Incident, message: string, batch: BatchBuilder): void {
    const now = this.ctx.now();
    this.ctx.desk.putIncident(
      {
        ...incident,
        updatedAt: now,
        timeline: [...incident.timeline, { at: now, kind: 'note', message, actor: 'orchestrator' }],
      },
      batch,
    );
  }

  #remember(task: Task): void {
    this.#recentTasks.unshift(task);
    if (this.#recentTasks.length > 500) this.#recentTasks.pop();
  }

  /** Queued decisions dropped when the kill switch engages; returns how many. */
  cancelQueued(): number {
    const cancelled = this.#settling.size;
    this.#settling.clear();
    return cancelled;
  }
}

const pct = (x: number) => `${Math.round(x * 1000) / 10}%`;
