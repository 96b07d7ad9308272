import type { FaultScenario, RemediationKind, Tier } from '@watchfloor/domain';

const ALL: readonly Tier[] = ['edge', 'api', 'domain', 'datastore', 'queue', 'cache'];

/**
 * Tiers each action applies to. Every service can restart, scale, fail over (with a peer
 * region), roll back (with an earlier version), rotate logs and free disk; only caches clear
 * and only datastores back up.
 */
export const ACTION_TIERS: Readonly<Record<RemediationKind, readonly Tier[]>> = {
  restart_service: ALL,
  clear_cache: ['cache'],
  scale_out: ALL,
  scale_in: ALL,
  failover_region: ALL,
  rollback_deploy: ALL,
  rotate_logs: ALL,
  free_disk: ALL,
  backup_datastore: ['datastore'],
  verify_backup: ['datastore'],
};

/**
 * The action that ends each scenario when run on the fault's root service.
 *
 * | scenario           | root tier | right action                 |
 * |--------------------|-----------|------------------------------|
 * | db_saturation      | datastore | scale_out                    |
 * | memory_leak        | api/domain| restart_service              |
 * | bad_deploy         | any       | rollback_deploy              |
 * | disk_filling       | any       | free_disk or rotate_logs     |
 * | dependency_timeout | domain    | restart_service (stuck pool) |
 * | dependency_timeout | cache     | clear_cache (hot keys)       |
 * | dependency_timeout | datastore | scale_out (slow queries)     |
 * | network_partition  | any       | failover_region              |
 * | queue_backlog      | queue     | scale_out (more consumers)   |
 */
export function rightActions(scenario: FaultScenario, tier: Tier): readonly RemediationKind[] {
  switch (scenario) {
    case 'db_saturation':
    case 'queue_backlog':
      return ['scale_out'];
    case 'memory_leak':
      return ['restart_service'];
    case 'bad_deploy':
      return ['rollback_deploy'];
    case 'disk_filling':
      return ['free_disk', 'rotate_logs'];
    case 'network_partition':
      return ['failover_region'];
    case 'dependency_timeout':
      return tier === 'cache'
        ? ['clear_cache']
        : tier === 'datastore'
          ? ['scale_out']
          : ['restart_service'];
  }
}

/** Routine actions: run on a healthy service they succeed and change nothing. */
export const ROUTINE: ReadonlySet<RemediationKind> = new Set([
  'rotate_logs',
  'backup_datastore',
  'verify_backup',
]);
