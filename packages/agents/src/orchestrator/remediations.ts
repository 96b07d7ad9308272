import { RemediationKind, type Tier } from '@watchfloor/domain';

export const REMEDIATIONS: readonly RemediationKind[] = RemediationKind.options;

const ALL: readonly Tier[] = ['edge', 'api', 'domain', 'datastore', 'queue', 'cache'];

/**
 * Which tiers each runbook can run on (the estate's runbook catalogue, not learned): every
 * service can restart, scale, fail over, roll back, rotate logs and free disk; only caches
 * clear and only datastores back up.
 */
const TIERS: Readonly<Record<RemediationKind, readonly Tier[]>> = {
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

export const applicableToTier = (kind: RemediationKind, tier: Tier): boolean =>
  TIERS[kind].includes(tier);

/**
 * An `applicable(action, service)` for the orchestrator from the topology's tiers; a
 * service of unknown tier gets no action.
 * @example applicableByTier((id) => topology.services.find((s) => s.id === id)?.tier ?? null)
 */
export const applicableByTier =
  (tierOf: (service: string) => Tier | null) =>
  (kind: RemediationKind, service: string): boolean => {
    const tier = tierOf(service);
    return tier !== null && applicableToTier(kind, tier);
  };

/** Deploy rollbacks go through PatchOps' safe rollout; every other runbook through TaskOps. */
export const executorOf = (kind: RemediationKind): 'taskops' | 'patchops' =>
  kind === 'rollback_deploy' ? 'patchops' : 'taskops';
