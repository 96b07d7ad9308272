import type { Topology } from '@watchfloor/domain';

/** One host's reading, as `sim.hostMetrics(service)` returns it. */
export interface HostObservation {
  host: string;
  version: string;
  errorRate: number;
  latencyP95: number;
}

/** What the engine sees each time it advances a rollout. Never the simulator's ground truth. */
export interface RolloutObservation {
  killSwitchEngaged: boolean;
  /** Every host of the target service, now. */
  hosts: readonly HostObservation[];
  /** Open incidents with the services they involve. */
  openIncidents: readonly { id: string; services: readonly string[] }[];
  topology: Topology;
}

/** A side effect the engine runs through the kill-switch guard, then reports back by observing. */
export interface RolloutStep {
  kind: 'deploy' | 'rollback';
  planId: string;
  service: string;
  hosts: string[];
  version: string;
  /** Index of the wave the step belongs to (rollbacks: the furthest wave reached). */
  wave: number;
  reason: string;
}
