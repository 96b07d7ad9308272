import {
  type Decision,
  ForecastCache,
  IdempotencyLedger,
  MetricHistory,
  type ObservationSnapshot,
  OutcomeJudge,
  RiskDetector,
  runTask,
  type TaskRecord,
  thresholdsFromRules,
} from '@watchfloor/agents';
import {
  type Alert,
  type Forecast,
  formatId,
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

/** Virtual time an incident settles (its alerts arrive, the root firms up) before acting. */
const SETTLE_MS = 60_000;
/** Risks are checked every few ticks; the detector itself sees every sample. */
const RISK_CHECK_EVERY_TICKS = 3;
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
  readonly history = new MetricHistory();
  readonly #detector = new RiskDetector(thresholdsFromRules(THRESHOLDS));
  readonly #forecasts = new ForecastCache();
  readonly #judge = new OutcomeJudge();
  readonly #ledger = new IdempotencyLedger<TaskRecord>();
  readonly #risks = new Map<string, { risk: PredictedRisk; alert: Alert }>();
  readonly #settling = new Map<string, number>();
  readonly #judging = new Map<string, Judging>();
  /** Escalated incidents' recommendations, awaiting an operator's approval. */
  readonly approvals = new Map<string, Decision>();
  readonly #recentTasks: Task[] = [];
  #nextTask = 1;
  #ticks = 0;

  constructor(
    private readonly ctx: AutopilotContext,
    private readonly enabled: boolean,
  ) {}

  async restore(repo: Repository): Promise<void> {
    const newest = await repo.listKnowledge(TASKS_NS, { limit: 50 });
    const first = newest.items[0]?.value as Task | undefined;
    this.#nextTask = (first ? (parseIdNumber(first.id) ?? 0) : 0) + 1;
    for (const item of [...newest.items].reverse()) this.#remember(item.value as Task);
  }

  /** Every metrics sample: history for forecasts, the detector for predicted risks. */
  observe(samples: readonly MetricSample[]): void {
    for (const sample of samples) {
      this.history.add(sample);
      this.#detector.observe(sample);
    }
  }

  /** Incidents the engine just opened wait to settle before the orchestrator decides. */
  noteOpened(incident: Incident): void {
    if (this.enabled) this.#settling.set(incident.id, Date.parse(incident.createdAt) + SETTLE_MS);
  }

  /** One simulator tick's worth of agent work. */
  async tick(batch: BatchBuilder): Promise<void> {
    if (!this.enabled) return;
    this.ctx.agents().heartbeat(this.ctx.now());
    if (++this.#ticks % RISK_CHECK_EVERY_TICKS === 0) this.#checkRisks(batch);
    await this.#decideSettled(batch);
    this.#judgeOutcomes(batch);
  }

  forecast(service: string, metric: MetricName): Forecast | null {
    const threshold = thresholdsFromRules(THRESHOLDS, [metric])[metric] ?? null;
    return this.#forecasts.get(this.history, service, metric, { now: this.ctx.now(), threshold });
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
    for (const [id, at] of this.#settling) {
      if (at > now) continue;
      this.#settling.delete(id);
      const incident = this.ctx.desk.active.get(id);
      if (!incident || incident.status !== 'open') continue;
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
    const alertNames = incident.alertIds
      .map((alertId) => this.ctx.desk.firing.get(alertId)?.labels.alertname)
      .filter((n): n is string => typeof n === 'string');
    const decision = agents.orchestrator.decide(
      {
        id: incident.id,
        alertNames:
          alertNames.length > 0 ? alertNames : [incident.title.split(' ')[0] ?? 'unknown'],
        services: incident.services,
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
    const before = this.#snapshot(incident);
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
    if (ran)
      this.#judging.set(incident.id, {
        decision,
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
    const task: Task = { ...record, id: formatId('ACT', this.#nextTask++) };
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
      const incident = this.ctx.desk.active.get(incidentId);
      judging.after.push(this.#snapshot(incident, judging.decision.action?.service));
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

  #snapshot(incident: Incident | undefined, rootService?: string): ObservationSnapshot {
    const services = new Set(incident?.services ?? []);
    let firingAlerts = 0;
    for (const alert of this.ctx.desk.firing.values()) {
      if (alert.source !== 'predictive' && services.has(alert.labels.service ?? '')) firingAlerts++;
    }
    const root = rootService ?? incident?.suspectedRoot?.service;
    const metrics = (root ? this.ctx.latestMetrics.get(root)?.values : undefined) ?? {};
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
