import {
  type FaultScenario,
  type RemediationKind,
  RUNBOOK_TIERS,
  type Tier,
} from '@watchfloor/domain';

/** Tiers each action applies to (the domain's runbook catalogue). */
export const ACTION_TIERS = RUNBOOK_TIERS;

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
