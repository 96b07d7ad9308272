import type {
  AgentCounters,
  AgentId,
  AgentLearning,
  AgentState,
  AgentStatus,
} from '@watchfloor/domain';
import { type KnowledgeStore, MemoryKnowledgeStore } from '../orchestrator/knowledge-store.ts';
import { NS } from '../orchestrator/namespaces.ts';
import { isRecord, readCount, readString } from '../orchestrator/read.ts';
import type { ConfigHistory } from './config-history.ts';
import { AGENT_IDS, AGENT_PROFILES } from './defaults.ts';
import { DEFAULT_HEALTH, deriveHealth, type HealthPolicy } from './health.ts';

/** A lifecycle step the agent's state does not allow, e.g. starting before initializing. */
export class LifecycleError extends Error {
  constructor(agentId: AgentId, from: AgentState, step: string) {
    super(`${agentId} cannot ${step} while ${from}`);
    this.name = 'LifecycleError';
  }
}

export interface AgentRegistryOptions {
  configs: ConfigHistory;
  /** Counters and errors live here so success rates survive a restart. */
  knowledge?: KnowledgeStore;
  health?: Partial<HealthPolicy>;
  /** Learning figures for an agent's status, e.g. from `Orchestrator.agentLearning`. */
  learning?: (agentId: AgentId) => AgentLearning | null;
}

interface Persisted extends AgentCounters {
  errors: number;
  lastError: { at: string; message: string } | null;
}

interface Runtime {
  state: AgentState;
  lastHeartbeat: string | null;
}

const ALLOWED: Readonly<Record<'initialize' | 'start' | 'stop', readonly AgentState[]>> = {
  initialize: ['registered', 'stopped'],
  start: ['initialized', 'stopped'],
  stop: ['initialized', 'running'],
};

/**
 * The agents, their lifecycle (initialize -> start -> stop), heartbeats, errors and run
 * counters, and the health derived from them. Time is always passed in.
 */
export class AgentRegistry {
  readonly #configs: ConfigHistory;
  readonly #store: KnowledgeStore;
  readonly #policy: HealthPolicy;
  readonly #learning: (agentId: AgentId) => AgentLearning | null;
  readonly #runtime = new Map<AgentId, Runtime>();

  constructor(opts: AgentRegistryOptions) {
    this.#configs = opts.configs;
    this.#store = opts.knowledge ?? new MemoryKnowledgeStore();
    this.#policy = { ...DEFAULT_HEALTH, ...opts.health };
    this.#learning = opts.learning ?? (() => null);
    for (const id of AGENT_IDS) this.#runtime.set(id, { state: 'registered', lastHeartbeat: null });
  }

  initialize(agentId: AgentId, _now: string): void {
    this.#step(agentId, 'initialize', 'initialized');
  }

  /** Starting counts as a heartbeat. */
  start(agentId: AgentId, now: string): void {
    this.#step(agentId, 'start', 'running').lastHeartbeat = now;
  }

  stop(agentId: AgentId, _now: string): void {
    this.#step(agentId, 'stop', 'stopped');
  }

  /** Records a heartbeat; false (and nothing recorded) when the agent is not running. */
  beat(agentId: AgentId, now: string): boolean {
    const rt = this.#rt(agentId);
    if (rt.state !== 'running') return false;
    rt.lastHeartbeat = now;
    return true;
  }

  recordError(agentId: AgentId, message: string, now: string): void {
    const p = this.#read(agentId);
    this.#write(agentId, { ...p, errors: p.errors + 1, lastError: { at: now, message } });
  }

  /** One unit of work done, and whether it succeeded. */
  recordRun(agentId: AgentId, success: boolean, _now: string): void {
    const p = this.#read(agentId);
    this.#write(agentId, {
      ...p,
      runs: p.runs + 1,
      successes: p.successes + (success ? 1 : 0),
      failures: p.failures + (success ? 0 : 1),
    });
  }

  state(agentId: AgentId): AgentState {
    return this.#rt(agentId).state;
  }

  status(agentId: AgentId, now: string): AgentStatus {
    const rt = this.#rt(agentId);
    const p = this.#read(agentId);
    const version = this.#configs.currentVersion(agentId);
    const judged = p.successes + p.failures;
    return {
      id: agentId,
      name: AGENT_PROFILES[agentId].name,
      role: AGENT_PROFILES[agentId].role,
      state: rt.state,
      health: deriveHealth(
        {
          state: rt.state,
          lastHeartbeat: rt.lastHeartbeat,
          lastErrorAt: p.lastError?.at ?? null,
          now,
        },
        this.#policy,
      ),
      lastHeartbeat: rt.lastHeartbeat,
      errors: p.errors,
      lastError: p.lastError,
      config: version.config,
      configVersion: version.version,
      counters: { runs: p.runs, successes: p.successes, failures: p.failures },
      successRate: judged === 0 ? null : p.successes / judged,
      learning: this.#learning(agentId),
    };
  }

  statuses(now: string): AgentStatus[] {
    return AGENT_IDS.map((id) => this.status(id, now));
  }

  #step(agentId: AgentId, step: keyof typeof ALLOWED, to: AgentState): Runtime {
    const rt = this.#rt(agentId);
    if (!ALLOWED[step].includes(rt.state)) throw new LifecycleError(agentId, rt.state, step);
    rt.state = to;
    return rt;
  }

  #rt(agentId: AgentId): Runtime {
    const rt = this.#runtime.get(agentId);
    if (!rt) throw new RangeError(`unknown agent ${agentId}`);
    return rt;
  }

  #read(agentId: AgentId): Persisted {
    const v = this.#store.get(NS.agents, agentId);
    const r = isRecord(v) ? v : {};
    const e = isRecord(r.lastError) ? r.lastError : null;
    const at = e ? readString(e.at) : null;
    const message = e ? readString(e.message) : null;
    return {
      runs: readCount(r.runs),
      successes: readCount(r.successes),
      failures: readCount(r.failures),
      errors: readCount(r.errors),
      lastError: at !== null && message !== null ? { at, message } : null,
    };
  }

  #write(agentId: AgentId, value: Persisted): void {
    this.#store.put(NS.agents, agentId, value);
  }
}
