import type { KillSwitchState, MetricSample, Topology } from '@watchfloor/domain';

/**
 * What TaskOps may read before acting: the topology, each service's latest metrics and the
 * kill switch. Read-only, and never the simulator's ground truth.
 */
export interface TaskView {
  topology: Topology;
  /** Latest sample per service id (the engine's `latestMetrics`). */
  metrics: ReadonlyMap<string, MetricSample>;
  killSwitch: Pick<KillSwitchState, 'engaged' | 'reason'>;
}
