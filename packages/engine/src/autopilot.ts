import { type Decision, rootCauseEvident } from '@watchfloor/agents';
import type { Alert, Incident, MetricSample, Task } from '@watchfloor/domain';
import type { Simulator } from '@watchfloor/sim';
import type { AgentDesk } from './agent-desk.ts';
import type { BatchBuilder } from './batch.ts';
import type { IncidentDesk } from './desk.ts';
import { EngineError } from './errors.ts';
import type { IdAllocator } from './ids.ts';
import { alertMembers } from './incidents.ts';
import type { Outcomes } from './outcomes.ts';
import type { Predictive } from './predictive.ts';
import type { TaskRunner } from './task-runner.ts';

/**
 * Virtual time an incident settles (its alerts arrive, the root firms up) before acting: at
 * least `MIN_SETTLE_MS`, then as soon as the suspected root shows a cause alert of its own,
 * and at most `SETTLE_MS` for incidents whose root shows only symptoms.
 */
const MIN_SETTLE_MS = 20_000;
const SETTLE_MS = 60_000;
/** How long a scaled-out service must stay quiet before the extra instance goes back. */
const SCALE_BACK_AFTER_MS = 2 * 60_000;
/** Risks are checked every few ticks; the detector itself sees every sample. */
const RISK_CHECK_EVERY_TICKS = 3;

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

/**
 * The agents at work on the live stream: the orchestrator decides what to do about each
 * settled incident (acting, or escalating for approval), with PredictiveOps (predictive.ts)
 * raising predicted alerts, TaskOps (task-runner.ts) running the runbook action through the
 * kill-switch guard, and the outcome judge (outcomes.ts) reporting back so the orchestrator
 * learns. Everything decided is written through the caller's batch.
 */
export class Autopilot {
  readonly #settling = new Map<string, number>();
  /** Instances the autopilot added to mitigate, to hand back once the service is quiet. */
  readonly #scaledOut = new Map<
    string,
    { instances: number; quietSince: number | null; incidentId: string }
  >();
  /** Escalated incidents' recommendations, awaiting an operator's approval. */
  readonly approvals = new Map<string, Decision>();
  #ticks = 0;

  constructor(
    private readonly ctx: AutopilotContext,
    private readonly enabled: boolean,
    /** PredictiveOps: its models refit every tick, its risks are checked every few. */
    private readonly predictive: Predictive,
    private readonly tasks: TaskRunner,
    private readonly outcomes: Outcomes,
  ) {}

  /** Incidents the engine just opened wait to settle before the orchestrator decides. */
  noteOpened(incident: Incident): void {
    if (this.enabled) this.#settling.set(incident.id, Date.parse(incident.createdAt));
  }

  /** One simulator tick's worth of agent work. */
  async tick(batch: BatchBuilder): Promise<void> {
    // Forecasts are read with agents off too.
    this.predictive.refit();
    if (!this.enabled) return;
    this.ctx.agents().heartbeat(this.ctx.now());
    if (++this.#ticks % RISK_CHECK_EVERY_TICKS === 0) this.predictive.checkRisks(batch);
    await this.#decideSettled(batch);
    this.outcomes.judge(batch);
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
        this.outcomes.judgingOn(service) ||
        [...this.ctx.desk.firingOn(service)].some((a) => a.labels.service === service);
      if (busy) {
        held.quietSince = null;
        continue;
      }
      held.quietSince ??= now;
      if (now - held.quietSince < SCALE_BACK_AFTER_MS) continue;
      const task = await this.tasks.run(
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
    const before = this.outcomes.snapshot(action.service, services, predicted);
    const task = await this.tasks.run(
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
      this.outcomes.watch(incident.id, {
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

  /** Queued decisions dropped when the kill switch engages; returns how many. */
  cancelQueued(): number {
    const cancelled = this.#settling.size;
    this.#settling.clear();
    return cancelled;
  }
}
