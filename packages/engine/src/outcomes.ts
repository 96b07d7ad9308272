import {
  type Decision,
  isInstanceNoise,
  type ObservationSnapshot,
  OutcomeJudge,
} from '@watchfloor/agents';
import type { AutopilotContext } from './autopilot.ts';
import type { BatchBuilder } from './batch.ts';

/**
 * How the outcome judge watches an action's root service: a right action ends the trouble
 * within a tick or two, so alerts must clear within `windowMs` and stay clear for `holdMs`;
 * clearing later is the fault running its course.
 */
const JUDGE_WINDOW_MS = 60_000;
const JUDGE_HOLD_MS = 30_000;

export interface Judging {
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

type OutcomeContext = Pick<
  AutopilotContext,
  'desk' | 'agents' | 'now' | 'latestMetrics' | 'audit' | 'log'
>;

/**
 * The outcome judge at work: watches each action that ran until its verdict, then reports it
 * to the orchestrator, which learns from it.
 */
export class Outcomes {
  readonly #judge = new OutcomeJudge({ windowMs: JUDGE_WINDOW_MS, holdMs: JUDGE_HOLD_MS });
  readonly #judging = new Map<string, Judging>();

  constructor(private readonly ctx: OutcomeContext) {}

  /** Starts watching an incident's action that ran. */
  watch(incidentId: string, judging: Judging): void {
    this.#judging.set(incidentId, judging);
  }

  /** Whether an action on `service` is still being judged. */
  judgingOn(service: string): boolean {
    return [...this.#judging.values()].some((j) => j.decision.action?.service === service);
  }

  /** One tick of watching: a snapshot per action, and every verdict reached reported. */
  judge(batch: BatchBuilder): void {
    const now = this.ctx.now();
    const orchestrator = this.ctx.agents().orchestrator;
    for (const [incidentId, judging] of this.#judging) {
      const service = judging.decision.action?.service;
      if (service) judging.after.push(this.snapshot(service, judging.services, judging.predicted));
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

  /**
   * What the judge sees of an action: the alerts firing on the services it watches (predicted
   * ones only when the action answered a predicted risk) and the action's service's metrics.
   * Callers' alerts count only for a root that showed nothing itself: they also carry other
   * faults passing through them. One instance flapping or restarting is no verdict either.
   */
  snapshot(
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
}
