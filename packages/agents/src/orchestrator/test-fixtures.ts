import type { AgentConfig, AgentId, RemediationKind, Tier } from '@watchfloor/domain';
import { DEFAULT_AGENT_CONFIGS } from '../registry/defaults.ts';
import type { IncidentView } from './incident-view.ts';
import { MemoryKnowledgeStore } from './knowledge-store.ts';
import { Orchestrator, type OrchestratorOptions } from './orchestrator.ts';
import { seededRandom } from './random.ts';
import { applicableByTier } from './remediations.ts';

/** Shared by the orchestrator's tests; not exported from the package. */
export const TIERS: Readonly<Record<string, Tier>> = {
  checkout: 'api',
  orders: 'domain',
  'orders-db': 'datastore',
  'events-queue': 'queue',
  'edge-gw': 'edge',
  sessions: 'cache',
};

export const applicable = applicableByTier((service) => TIERS[service] ?? null);

export const at = (minutes: number): string =>
  new Date(Date.UTC(2026, 0, 5) + minutes * 60_000).toISOString();

export function view(overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    id: 'INC-000001',
    alertNames: ['HighErrorRate', 'HighLatencyP95'],
    services: ['checkout', 'edge-gw'],
    suspectedRoot: { service: 'checkout', confidence: 0.9 },
    rootTier: 'api',
    severity: 'high',
    openedAt: at(0),
    ...overrides,
  };
}

export function makeOrchestrator(
  overrides: Partial<OrchestratorOptions> & { seed?: number } = {},
): Orchestrator {
  const configs: Record<AgentId, AgentConfig> = structuredClone({ ...DEFAULT_AGENT_CONFIGS });
  return new Orchestrator({
    knowledge: new MemoryKnowledgeStore(),
    random: seededRandom(overrides.seed ?? 1),
    learning: true,
    config: (id) => configs[id],
    applicable,
    ...overrides,
  });
}

/** A synthetic estate where each action mitigates with a fixed probability. */
export function environment(rates: Partial<Record<RemediationKind, number>>, seed: number) {
  const random = seededRandom(seed);
  return (kind: RemediationKind): 'mitigated' | 'not_mitigated' =>
    random() < (rates[kind] ?? 0.1) ? 'mitigated' : 'not_mitigated';
}
