export {
  AgentRegistry,
  type AgentRegistryOptions,
  LifecycleError,
} from './agent-registry.ts';
export { ConfigError, type ConfigIssue } from './config-error.ts';
export { ConfigHistory, type ConfigHistoryOptions } from './config-history.ts';
export {
  AGENT_IDS,
  AGENT_PROFILES,
  type AgentProfile,
  DEFAULT_AGENT_CONFIGS,
} from './defaults.ts';
export { DEFAULT_HEALTH, deriveHealth, type HealthInputs, type HealthPolicy } from './health.ts';
