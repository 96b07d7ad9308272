import type { PatchPlan, Topology } from '@watchfloor/domain';
import { type RolloutOptions, rolloutOptions } from './options.ts';
import { assessRisk } from './risk.ts';
import { planWaves } from './waves.ts';

export interface NewPatchPlan {
  /** `PLAN-000001`, from the caller's id allocator. */
  id: string;
  service: string;
  fromVersion: string;
  toVersion: string;
  topology: Topology;
  /** Failed or rolled-back rollouts of this service recently. */
  recentFailures?: number;
  createdBy: string;
  now: string;
  /** Picks which hosts go first; default 0. */
  seed?: number;
  options?: Partial<RolloutOptions>;
}

/**
 * A new rollout plan in state `planned`: risk assessed, waves laid out over the service's
 * hosts (the first is the canary), approval required when the risk reaches the threshold.
 */
export function createPatchPlan(input: NewPatchPlan): PatchPlan {
  const options = rolloutOptions(input.options);
  const hosts = input.topology.hosts.filter((h) => h.serviceId === input.service).map((h) => h.id);
  if (hosts.length === 0) throw new RangeError(`no hosts of ${input.service} to roll out to`);
  const risk = assessRisk({
    service: input.service,
    topology: input.topology,
    fromVersion: input.fromVersion,
    toVersion: input.toVersion,
    recentFailures: input.recentFailures ?? 0,
  });
  const waves = planWaves(hosts, options.waves, input.seed ?? 0);
  return {
    id: input.id,
    service: input.service,
    fromVersion: input.fromVersion,
    toVersion: input.toVersion,
    risk,
    approvalRequired: risk.score >= options.approvalThreshold,
    approvedBy: null,
    approvedAt: null,
    state: 'planned',
    haltedFrom: null,
    transitions: [],
    preflight: [],
    hostVersions: {},
    baseline: null,
    waves,
    canary: {
      hosts: [...(waves[0]?.hosts ?? [])],
      measurements: [],
      failureLimit: options.failureLimit,
    },
    rollback: null,
    createdBy: input.createdBy,
    createdAt: input.now,
    updatedAt: input.now,
  };
}
