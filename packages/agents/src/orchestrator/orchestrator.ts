import type {
  ActionResultStatus,
  AgentConfig,
  AgentId,
  AgentLearning,
  IncidentSignature,
  LearningStats,
  OrchestratorDecision,
  OutcomeRecord,
  OutcomeStatus,
  RemediationKind,
  ResidualRisk,
} from '@watchfloor/domain';
import { modeFor } from './automation.ts';
import { baselineAction } from './baseline.ts';
import type { IncidentView } from './incident-view.ts';
import type { KnowledgeStore } from './knowledge-store.ts';
import { OutcomeLog } from './outcome-log.ts';
import {
  type ArmPosterior,
  alternativeOf,
  armConfidence,
  choose,
  posteriors,
  staticArm,
} from './policy.ts';
import { PolicyBook } from './policy-book.ts';
import { executorOf, REMEDIATIONS } from './remediations.ts';
import { AgentSelector } from './selector.ts';
import { perceive } from './signature.ts';
import { agentLearning, learningStats } from './stats.ts';
import { OUTCOME_CAPACITY, RECURRENCE_WINDOW_MS } from './tuning.ts';

export type Decision = OrchestratorDecision;
export type JudgedOutcome = 'mitigated' | 'not_mitigated' | 'worsened';

export interface OrchestratorOptions {
  /** Shared knowledge: learned statistics live here, so they survive a restart. */
  knowledge: KnowledgeStore;
  /** Seeded uniform [0, 1) source for Thompson sampling. */
  random: () => number;
  /** Off: the static baseline policy and default agent selection, whatever was learned. */
  learning: boolean;
  config: (agentId: AgentId) => AgentConfig;
  /** Whether a runbook makes sense on a service (e.g. `applicableByTier`). */
  applicable: (action: RemediationKind, service: string) => boolean;
  recurrenceWindowMs?: number;
  outcomeCapacity?: number;
}

export interface OutcomeDetails {
  /** What became of the action itself; `blocked` or `not_run` means nothing ran. */
  actionResult?: ActionResultStatus;
  /** When the judge saw the incident mitigated. */
  mitigatedAt?: string | null;
  residualRisk?: ResidualRisk;
  /** Defaults to the decision's agents. */
  agentsUsed?: AgentId[];
}

const DEFAULT_RISK: Readonly<Record<OutcomeStatus, ResidualRisk>> = {
  mitigated: 'low',
  not_mitigated: 'medium',
  worsened: 'high',
  recurred: 'medium',
  escalated: 'medium',
};

const round = (x: number): number => Math.round(x * 1000) / 1000;

/**
 * Perceives incidents, chooses a remediation and the agents to involve, and learns from
 * observed outcomes. It never sees ground truth: only what the incident shows and what the
 * outcome judge observed afterwards.
 * @example
 * const decision = orchestrator.decide(view, now);
 * // ... the engine acts, the judge watches ...
 * orchestrator.recordOutcome(view.id, decision, 'mitigated', { mitigatedAt }, later);
 */
export class Orchestrator {
  readonly #opts: OrchestratorOptions;
  readonly #book: PolicyBook;
  readonly #log: OutcomeLog;
  readonly #selector: AgentSelector;

  constructor(opts: OrchestratorOptions) {
    this.#opts = opts;
    this.#book = new PolicyBook(opts.knowledge);
    this.#log = new OutcomeLog(opts.knowledge, opts.outcomeCapacity ?? OUTCOME_CAPACITY);
    this.#selector = new AgentSelector(opts.knowledge);
  }

  get learning(): boolean {
    return this.#opts.learning;
  }

  decide(incident: IncidentView, now: string): Decision {
    const signature = perceive(incident);
    const recurrenceOf = this.#noteRecurrence(incident, signature, now);
    const root = incident.suspectedRoot;
    const base = {
      incidentId: incident.id,
      signature,
      learning: this.#opts.learning,
      openedAt: incident.openedAt,
      decidedAt: now,
      recurrenceOf,
    };
    const candidates = root
      ? REMEDIATIONS.filter((kind) => this.#opts.applicable(kind, root.service))
      : [];
    const rule = root
      ? baselineAction(signature, (kind) => this.#opts.applicable(kind, root.service))
      : null;
    const baseline = rule?.action ?? null;
    const none = (reason: string): Decision => ({
      ...base,
      agents: this.#selector.select(signature, null, this.#opts.learning).agents,
      action: null,
      baseline,
      confidence: 0,
      escalate: true,
      mode: 'recommend',
      reason,
      alternatives: [],
    });
    if (!root) return none('no suspected root service; needs an operator');
    if (candidates.length === 0) return none(`no runbook applies to ${root.service}`);

    let chosen: ArmPosterior | null;
    let arms: ArmPosterior[];
    let why: string;
    if (this.#opts.learning) {
      arms = posteriors({
        candidates,
        baseline,
        signature: this.#book.signature(signature.key),
        family: this.#book.family(signature.family),
        global: this.#book.global(),
      });
      chosen = choose(arms, this.#opts.random);
      why = chosen ? this.#learnedReason(chosen, signature, baseline) : '';
    } else {
      chosen = baseline ? staticArm(baseline) : null;
      arms = chosen ? [chosen] : [];
      why = rule ? `operator rule: ${rule.alert} -> ${rule.action}` : '';
    }
    if (!chosen) return none('no operator rule matches these alerts; needs an operator');

    const kind = chosen.kind;
    const action = { kind, service: root.service, executor: executorOf(kind) };
    const confidence = round(armConfidence(chosen) * (0.5 + 0.5 * root.confidence));
    const threshold = this.#opts.config('orchestrator').thresholds.confidence;
    const escalate = confidence < threshold;
    const mode = modeFor(
      this.#opts.config('orchestrator'),
      this.#opts.config(action.executor),
      escalate,
    );
    const reason = escalate
      ? `${why}; confidence ${confidence.toFixed(2)} below ${threshold.toFixed(2)}, needs approval`
      : why;
    const alternatives = arms
      .filter((a) => a.kind !== kind)
      .map(alternativeOf)
      .sort((a, b) => b.mean - a.mean)
      .slice(0, 3);
    return {
      ...base,
      agents: this.#selector.select(signature, action, this.#opts.learning).agents,
      action,
      baseline,
      confidence,
      escalate,
      mode,
      reason,
      alternatives,
    };
  }

  /**
   * Records how an incident ended and learns from it. An action that failed or was rolled
   * back counts as not mitigated whatever the metrics did; one that never ran teaches
   * nothing and is recorded as escalated.
   */
  recordOutcome(
    incidentId: string,
    decision: Decision,
    outcome: JudgedOutcome,
    details: OutcomeDetails,
    now: string,
  ): OutcomeRecord {
    const action = decision.action;
    const result: ActionResultStatus = details.actionResult ?? (action ? 'succeeded' : 'not_run');
    const ran = action !== null && result !== 'blocked' && result !== 'not_run';
    const actionFailed = result === 'failed' || result === 'rolled_back';
    const status: OutcomeStatus = !ran
      ? 'escalated'
      : actionFailed && outcome === 'mitigated'
        ? 'not_mitigated'
        : outcome;
    const success = status === 'mitigated';
    const agentsUsed = details.agentsUsed ?? decision.agents;
    const mitigatedAt = success ? (details.mitigatedAt ?? now) : null;
    const record = this.#log.append({
      incidentId,
      signature: decision.signature.key,
      service: action?.service ?? null,
      status,
      success,
      agentsUsed,
      actions: action ? [{ kind: action.kind, service: action.service, result }] : [],
      residualRisk: details.residualRisk ?? DEFAULT_RISK[status],
      timeToMitigateMs:
        mitigatedAt === null
          ? null
          : Math.max(0, Date.parse(mitigatedAt) - Date.parse(decision.openedAt)),
      confidence: decision.confidence,
      escalated: decision.escalate,
      learning: this.#opts.learning,
      recordedAt: now,
      recurredAt: null,
    });
    if (!action || status === 'escalated') return record;
    const sig = decision.signature;
    this.#book.record(sig.key, sig.family, action.kind, success, now);
    this.#selector.record(sig.key, agentsUsed, status);
    // Only a success can turn out not to have held.
    if (success) {
      this.#log.setRecent(action.service, sig.key, { incidentId, seq: record.seq, at: now });
    }
    return record;
  }

  stats(): LearningStats {
    return learningStats({
      learning: this.#opts.learning,
      book: this.#book,
      log: this.#log,
      selector: this.#selector,
    });
  }

  /** One agent's learning figures, for `AgentStatus.learning`. */
  agentLearning(id: AgentId): AgentLearning {
    return agentLearning(this.stats(), id);
  }

  /** Held outcome records, oldest first. */
  outcomes(): OutcomeRecord[] {
    return this.#log.records();
  }

  /**
   * The same signature back on the same service soon after a mitigation means the fix did
   * not hold: the earlier outcome becomes a failure, for the action and the agents alike.
   */
  #noteRecurrence(incident: IncidentView, signature: IncidentSignature, now: string) {
    const service = incident.suspectedRoot?.service;
    if (!service) return null;
    const recent = this.#log.recent(service, signature.key);
    if (!recent || recent.incidentId === incident.id) return null;
    const gap = Date.parse(incident.openedAt) - Date.parse(recent.at);
    const window = this.#opts.recurrenceWindowMs ?? RECURRENCE_WINDOW_MS;
    if (gap < 0 || gap > window) return null;
    this.#log.setRecent(service, signature.key, null);
    const revised = this.#log.markRecurred(recent.seq, now);
    if (!revised) return null;
    for (const a of revised.actions)
      this.#book.revise(signature.key, signature.family, a.kind, now);
    this.#selector.revise(signature.key, revised.agentsUsed);
    return revised.incidentId;
  }

  #learnedReason(
    arm: ArmPosterior,
    signature: IncidentSignature,
    baseline: RemediationKind | null,
  ): string {
    const own = this.#book.signature(signature.key).arms[arm.kind] ?? { s: 0, f: 0 };
    if (own.s + own.f > 0) {
      return `learned: ${arm.kind} mitigated ${own.s} of ${own.s + own.f} incidents like this`;
    }
    if (arm.kind === baseline) return `operator rule ${arm.kind} while there is little evidence`;
    return `exploring ${arm.kind}: not yet tried on incidents like this`;
  }
}
