import type { KnowledgeEntry } from '@watchfloor/agents';
import {
  AGENT_IDS,
  AgentRegistry,
  applicableByTier,
  ConfigHistory,
  KNOWLEDGE_NAMESPACES,
  MemoryKnowledgeStore,
  Orchestrator,
  seededRandom,
} from '@watchfloor/agents';
import type { AgentId, Topology } from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import type { BatchBuilder } from './batch.ts';
import { pages } from './desk.ts';

/**
 * The agents' shared state: one knowledge store (loaded from the knowledge base, saved back
 * change by change), the agent registry with versioned configs, and the orchestrator that
 * learns from outcomes. Everything the agents know lives here, so it survives restarts.
 */
export class AgentDesk {
  readonly knowledge: MemoryKnowledgeStore;
  readonly configs: ConfigHistory;
  readonly registry: AgentRegistry;
  readonly orchestrator: Orchestrator;

  private constructor(
    entries: KnowledgeEntry[],
    topology: Topology,
    seed: number,
    learning: boolean,
    at: string,
  ) {
    this.knowledge = new MemoryKnowledgeStore(entries);
    this.configs = new ConfigHistory({ at, knowledge: this.knowledge });
    const tiers = new Map(topology.services.map((s) => [s.id, s.tier]));
    this.orchestrator = new Orchestrator({
      knowledge: this.knowledge,
      random: seededRandom(seed ^ 0x5eed),
      learning,
      config: (id) => this.configs.current(id),
      applicable: applicableByTier((service) => tiers.get(service) ?? null),
    });
    this.registry = new AgentRegistry({
      configs: this.configs,
      knowledge: this.knowledge,
      learning: (id) => this.orchestrator.agentLearning(id),
    });
  }

  static async load(
    repo: Repository,
    topology: Topology,
    seed: number,
    learning: boolean,
    at: string,
  ): Promise<AgentDesk> {
    const entries: KnowledgeEntry[] = [];
    for (const namespace of KNOWLEDGE_NAMESPACES) {
      for await (const item of pages((cursor) =>
        repo.listKnowledge(namespace, { limit: 500, cursor }),
      )) {
        entries.push(item);
      }
    }
    const desk = new AgentDesk(entries, topology, seed, learning, at);
    for (const id of AGENT_IDS) {
      desk.registry.initialize(id, at);
      desk.registry.start(id, at);
    }
    return desk;
  }

  /** Every agent is alive while the loop turns. */
  heartbeat(at: string): void {
    for (const id of AGENT_IDS) this.registry.beat(id, at);
  }

  /** Moves whatever the agents learned or changed into the batch being written. */
  save(batch: BatchBuilder): void {
    batch.knowledge.push(...this.knowledge.takeChanges());
  }

  isAgent(id: string): id is AgentId {
    return (AGENT_IDS as readonly string[]).includes(id);
  }
}
