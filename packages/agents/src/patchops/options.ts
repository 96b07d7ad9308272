/** Tuning of plans and rollouts; every field has a default. */
export interface RolloutOptions {
  /** Cumulative share of hosts after each wave; the first wave is the canary. */
  waves: readonly number[];
  /** Risk score at or above which an operator must approve. */
  approvalThreshold: number;
  /** Consecutive failed measurements that abort the rollout. */
  failureLimit: number;
  /** Passing measurements the canary needs before the rollout continues. */
  canaryMeasurements: number;
  /** Passing measurements each later wave needs. */
  waveMeasurements: number;
  /** Canary error rate may reach baseline × ratio + margin. */
  errorRatio: number;
  errorMargin: number;
  /** Canary p95 latency may reach baseline × ratio. */
  latencyRatio: number;
  /** Hosts above this error rate make the target unhealthy at pre-flight. */
  healthyErrorRate: number;
  /** Times a deploy or rollback step is issued before giving up. */
  maxAttempts: number;
}

export const DEFAULT_ROLLOUT: RolloutOptions = {
  waves: [10, 25, 50, 100],
  approvalThreshold: 0.5,
  failureLimit: 2,
  canaryMeasurements: 3,
  waveMeasurements: 2,
  errorRatio: 2,
  errorMargin: 0.01,
  latencyRatio: 1.3,
  healthyErrorRate: 0.05,
  maxAttempts: 3,
};

export const rolloutOptions = (overrides: Partial<RolloutOptions> = {}): RolloutOptions => ({
  ...DEFAULT_ROLLOUT,
  ...overrides,
});
