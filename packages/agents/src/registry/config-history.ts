import {
  AgentConfig,
  AgentConfigPatch,
  AgentConfigVersion,
  type AgentId,
} from '@watchfloor/domain';
import { type KnowledgeStore, MemoryKnowledgeStore } from '../orchestrator/knowledge-store.ts';
import { NS } from '../orchestrator/namespaces.ts';
import { isRecord, readCount } from '../orchestrator/read.ts';
import { ConfigError, issuesOf } from './config-error.ts';
import { AGENT_IDS, DEFAULT_AGENT_CONFIGS } from './defaults.ts';

const versionKey = (agentId: AgentId, version: number): string =>
  `${agentId}/${String(version).padStart(6, '0')}`;

export interface ConfigHistoryOptions {
  /** Time of the first version of an agent that has none yet. */
  at: string;
  defaults?: Readonly<Record<AgentId, AgentConfig>>;
  /** Where the history lives; a private in-memory store when omitted. */
  knowledge?: KnowledgeStore;
}

const merge = (config: AgentConfig, patch: AgentConfigPatch): AgentConfig => ({
  ...config,
  ...patch,
  thresholds: { ...config.thresholds, ...patch.thresholds },
});

/**
 * Each agent's configuration as an append-only list of versions with author, time and
 * reason. A rollback appends a new version equal to the one restored, so nothing is lost.
 * @example
 * history.update('taskops', { automationLevel: 'MANUAL' }, 'operator', now, 'change freeze');
 * history.rollback('taskops', 1, 'operator', later);
 */
export class ConfigHistory {
  readonly #store: KnowledgeStore;

  constructor(opts: ConfigHistoryOptions) {
    this.#store = opts.knowledge ?? new MemoryKnowledgeStore();
    const defaults = opts.defaults ?? DEFAULT_AGENT_CONFIGS;
    for (const agentId of AGENT_IDS) {
      if (this.#latest(agentId) > 0) continue;
      this.#append(agentId, defaults[agentId], 'system', opts.at, 'defaults', null);
    }
  }

  current(agentId: AgentId): AgentConfig {
    return this.currentVersion(agentId).config;
  }

  currentVersion(agentId: AgentId): AgentConfigVersion {
    const parsed = AgentConfigVersion.safeParse(
      this.#store.get(NS.agentConfig, versionKey(agentId, this.#latest(agentId))),
    );
    const last = parsed.success ? parsed.data : null;
    if (!last) throw new ConfigError([{ field: 'agentId', message: `unknown agent ${agentId}` }]);
    return last;
  }

  /** Every version, oldest first. */
  history(agentId: AgentId): AgentConfigVersion[] {
    return this.#read(agentId);
  }

  /** Applies a partial change; throws `ConfigError` naming the field when it is invalid. */
  update(
    agentId: AgentId,
    patch: unknown,
    author: string,
    now: string,
    reason = 'updated',
  ): AgentConfigVersion {
    const parsed = AgentConfigPatch.safeParse(patch);
    if (!parsed.success) throw new ConfigError(issuesOf(parsed.error.issues));
    const next = AgentConfig.safeParse(merge(this.current(agentId), parsed.data));
    if (!next.success) throw new ConfigError(issuesOf(next.error.issues));
    return this.#append(agentId, next.data, author, now, reason, null);
  }

  /** Appends a copy of an earlier version; throws `ConfigError` for a version never made. */
  rollback(
    agentId: AgentId,
    version: number,
    author: string,
    now: string,
    reason?: string,
  ): AgentConfigVersion {
    const parsed = AgentConfigVersion.safeParse(
      this.#store.get(NS.agentConfig, versionKey(agentId, version)),
    );
    const target = parsed.success && version <= this.#latest(agentId) ? parsed.data : null;
    if (!target) {
      throw new ConfigError([{ field: 'version', message: `no version ${version} of ${agentId}` }]);
    }
    return this.#append(
      agentId,
      target.config,
      author,
      now,
      reason ?? `rollback to version ${version}`,
      version,
    );
  }

  #append(
    agentId: AgentId,
    config: AgentConfig,
    author: string,
    at: string,
    reason: string,
    rollbackOf: number | null,
  ): AgentConfigVersion {
    const version = this.#latest(agentId) + 1;
    const entry: AgentConfigVersion = {
      agentId,
      version,
      config: structuredClone(config),
      author,
      at,
      reason,
      rollbackOf,
    };
    // One item per version keeps each write small however long the history grows.
    this.#store.put(NS.agentConfig, versionKey(agentId, version), entry);
    this.#store.put(NS.agentConfig, agentId, { latest: version });
    return structuredClone(entry);
  }

  #latest(agentId: AgentId): number {
    const head = this.#store.get(NS.agentConfig, agentId);
    return isRecord(head) ? readCount(head.latest) : 0;
  }

  /** Stored versions, each checked; copies, so callers cannot edit history. */
  #read(agentId: AgentId): AgentConfigVersion[] {
    const out: AgentConfigVersion[] = [];
    for (let v = 1; v <= this.#latest(agentId); v++) {
      const parsed = AgentConfigVersion.safeParse(
        this.#store.get(NS.agentConfig, versionKey(agentId, v)),
      );
      if (parsed.success) out.push(parsed.data);
    }
    return out;
  }
}
