import type { AgentId, IncidentSignature, RecommendedAction } from '@watchfloor/domain';
import type { KnowledgeStore } from './knowledge-store.ts';
import { NS } from './namespaces.ts';
import { addTo, isRecord, readCount, readTallies, reviseToFailure, type Tally } from './read.ts';
import { SLOW_TREND_SYMPTOMS } from './signature.ts';

export const THRESHOLD_START = 60;
export const THRESHOLD_MIN = 50;
export const THRESHOLD_MAX = 85;
/** Below this many samples the static relevance and threshold stand. */
export const SELECTOR_SPARSE = 5;
const OPTIONAL: readonly AgentId[] = ['predictiveops', 'patchops', 'taskops'];

/** Outcome quality that moves the threshold: a failure that made things worse counts most. */
export const QUALITY = { mitigated: 1, not_mitigated: 0.25, recurred: 0.25, worsened: 0 } as const;
export type JudgedStatus = keyof typeof QUALITY;

interface ThresholdState {
  value: number;
  quality: number;
  samples: number;
}

export interface Selection {
  agents: AgentId[];
  /** Relevance 0..100 of each agent for this incident. */
  relevance: Record<AgentId, number>;
  threshold: number;
}

const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

/** What an operator would say each agent is worth here, before any learning. */
export function staticRelevance(
  signature: IncidentSignature,
  action: RecommendedAction | null,
): Record<AgentId, number> {
  const slowTrend = signature.symptoms.some((s) => SLOW_TREND_SYMPTOMS.has(s));
  const deploy = signature.symptoms.includes('release') || action?.kind === 'rollback_deploy';
  return {
    alertops: 100,
    orchestrator: 100,
    predictiveops: slowTrend ? 80 : 20,
    patchops: deploy ? 90 : 20,
    taskops: action !== null && action.executor === 'taskops' ? 90 : 20,
  };
}

/**
 * Picks the agents that take part in an incident. AlertOps and the agent that would carry
 * out the action always do; the others when their relevance reaches the threshold. With
 * learning, relevance blends in the success rate of incidents of this signature the agent
 * took part in, and the threshold follows outcome quality within [50, 85]: good outcomes
 * tighten the team, poor ones widen it.
 */
export class AgentSelector {
  readonly #store: KnowledgeStore;

  constructor(store: KnowledgeStore) {
    this.#store = store;
  }

  threshold(learning: boolean): number {
    return learning ? this.#state().value : THRESHOLD_START;
  }

  select(
    signature: IncidentSignature,
    action: RecommendedAction | null,
    learning: boolean,
  ): Selection {
    const base = staticRelevance(signature, action);
    const seen = readTallies(this.#store.get(NS.selector, signature.key));
    const relevance = { ...base };
    if (learning) {
      for (const id of OPTIONAL) {
        const t = seen[id] ?? { s: 0, f: 0 };
        const n = t.s + t.f;
        if (n < SELECTOR_SPARSE) continue;
        relevance[id] = (SELECTOR_SPARSE * base[id] + 100 * t.s) / (SELECTOR_SPARSE + n);
      }
    }
    const threshold = this.threshold(learning);
    const required = new Set<AgentId>(['alertops']);
    if (action) required.add(action.executor);
    const agents = (['alertops', ...OPTIONAL] as const).filter(
      (id) => required.has(id) || relevance[id] >= threshold,
    );
    return { agents: [...agents], relevance, threshold };
  }

  record(signatureKey: string, agents: readonly AgentId[], status: JudgedStatus): void {
    const success = status === 'mitigated';
    this.#tally(NS.selector, signatureKey, agents, (t) => addTo(t, success));
    this.#tally(NS.selectorState, 'agents', agents, (t) => addTo(t, success));
    const prev = this.#state();
    const samples = prev.samples + 1;
    const quality = prev.quality + (QUALITY[status] - prev.quality) / Math.min(samples, 20);
    const target = THRESHOLD_MIN + (THRESHOLD_MAX - THRESHOLD_MIN) * quality;
    const value =
      samples < SELECTOR_SPARSE
        ? THRESHOLD_START
        : clamp(prev.value + 0.25 * (target - prev.value), THRESHOLD_MIN, THRESHOLD_MAX);
    this.#store.put(NS.selectorState, 'threshold', { value, quality, samples });
  }

  /** A recorded success recurred: count it as a failure for the agents that took part. */
  revise(signatureKey: string, agents: readonly AgentId[]): void {
    this.#tally(NS.selector, signatureKey, agents, reviseToFailure);
    this.#tally(NS.selectorState, 'agents', agents, reviseToFailure);
  }

  /** Participation tallies of every agent over all signatures. */
  agentTallies(): Record<string, Tally> {
    return readTallies(this.#store.get(NS.selectorState, 'agents'));
  }

  #state(): ThresholdState {
    const v = this.#store.get(NS.selectorState, 'threshold');
    if (!isRecord(v)) return { value: THRESHOLD_START, quality: 0.5, samples: 0 };
    return {
      value: clamp(readCount(v.value, THRESHOLD_START), THRESHOLD_MIN, THRESHOLD_MAX),
      quality: clamp(readCount(v.quality, 0.5), 0, 1),
      samples: readCount(v.samples),
    };
  }

  #tally(ns: string, key: string, agents: readonly AgentId[], change: (t: Tally) => Tally) {
    const tallies = readTallies(this.#store.get(ns, key));
    for (const id of agents) tallies[id] = change(tallies[id] ?? { s: 0, f: 0 });
    this.#store.put(ns, key, tallies);
  }
}
