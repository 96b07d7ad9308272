import { RemediationKind, RUNBOOK_TIERS, type Tier } from '@watchfloor/domain';

export const REMEDIATIONS: readonly RemediationKind[] = RemediationKind.options;

export const applicableToTier = (kind: RemediationKind, tier: Tier): boolean =>
  RUNBOOK_TIERS[kind].includes(tier);

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
