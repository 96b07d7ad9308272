/**
 * Every knowledge namespace the orchestrator and the agent registry use. The engine loads
 * these into the shared store at start (`listKnowledge(ns, ...)` page by page).
 */
export const NS = {
  /** signature key -> { arms: { [action]: { s, f } }, lastSeenAt } */
  policy: 'policy',
  /** family key -> the same, pooled over the family's signatures */
  policyFamily: 'policy-family',
  /** 'signatures' -> signature keys with statistics */
  policyIndex: 'policy-index',
  /** signature key -> { [agentId]: { s, f } } */
  selector: 'selector',
  /** 'threshold' -> { value, quality, samples }; 'agents' -> { [agentId]: { s, f } } */
  selectorState: 'selector-state',
  /** 'meta', 'totals', 'curve', and `slot-NNNN` outcome records (a ring buffer) */
  outcomes: 'outcomes',
  /** `service|signature` -> the last mitigation there, to spot recurrences */
  outcomesRecent: 'outcomes-recent',
  /** agentId -> { latest }; `agentId/NNNNNN` -> one configuration version */
  agentConfig: 'agent-config',
  /** agentId -> run counters and errors */
  agents: 'agents',
} as const;

export const KNOWLEDGE_NAMESPACES: readonly string[] = Object.values(NS);
