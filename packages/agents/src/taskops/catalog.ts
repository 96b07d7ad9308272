import {
  ActionParams,
  actionParamsJsonSchema,
  type RemediationKind,
  RemediationKind as RemediationKinds,
  RUNBOOK_TIERS,
  type Tier,
} from '@watchfloor/domain';
import {
  type Check,
  datastoreHasHeadroom,
  hasHosts,
  notUnderPressure,
  peerRegionAvailable,
} from './preconditions.ts';

/** One runbook action: what it does, where it applies, what must hold first. */
export interface Runbook {
  action: RemediationKind;
  title: string;
  description: string;
  tiers: readonly Tier[];
  params: (typeof ActionParams)[RemediationKind];
  /** Defaults filled into the plan's params. */
  defaults: Readonly<Record<string, string | number>>;
  /** Virtual seconds the action may take before it counts as failed. */
  timeoutSeconds: number;
  /** Safe to run on a healthy service at any time. */
  routine: boolean;
  checks: readonly Check[];
  /** The plan step's description, in operator words. */
  describe(service: string, params: Readonly<Record<string, string | number>>): string;
}

type Entry = Omit<Runbook, 'action' | 'params' | 'tiers'>;

const ENTRIES: Record<RemediationKind, Entry> = {
  restart_service: {
    title: 'Restart service',
    description: 'Rolling restart of every host of the service, one at a time.',
    defaults: {},
    timeoutSeconds: 120,
    routine: false,
    checks: [hasHosts],
    describe: (s) => `rolling restart of ${s}, one host at a time`,
  },
  clear_cache: {
    title: 'Clear cache',
    description: 'Flush a cache service so hot keys are rebuilt from their source.',
    defaults: {},
    timeoutSeconds: 60,
    routine: false,
    checks: [hasHosts],
    describe: (s) => `flush every key of ${s}`,
  },
  scale_out: {
    title: 'Scale out',
    description: 'Add serving instances to the service.',
    defaults: { instances: 1 },
    timeoutSeconds: 300,
    routine: false,
    checks: [hasHosts],
    describe: (s, p) => `add ${p.instances} instance(s) to ${s}`,
  },
  scale_in: {
    title: 'Scale in',
    description: 'Remove serving instances, only while the service has headroom.',
    defaults: { instances: 1 },
    timeoutSeconds: 300,
    routine: false,
    checks: [hasHosts, notUnderPressure],
    describe: (s, p) => `remove ${p.instances} instance(s) from ${s}`,
  },
  failover_region: {
    title: 'Fail over to the other region',
    description: 'Send the service’s traffic to its standby in a region its callers run in.',
    defaults: {},
    timeoutSeconds: 600,
    routine: false,
    checks: [peerRegionAvailable],
    describe: (s, p) =>
      `fail ${s} over to its standby${p.toRegion ? ` in ${p.toRegion}` : ' in the peer region'}`,
  },
  rollback_deploy: {
    title: 'Roll back last deploy',
    description: 'Put every host back on the version it ran before the last deploy.',
    defaults: {},
    timeoutSeconds: 600,
    routine: false,
    checks: [hasHosts],
    describe: (s) => `roll ${s} back to the version before its last deploy`,
  },
  rotate_logs: {
    title: 'Rotate and trim logs',
    description: 'Rotate log files and delete those older than the retention.',
    defaults: { keepDays: 7 },
    timeoutSeconds: 120,
    routine: true,
    checks: [hasHosts],
    describe: (s, p) => `rotate logs on ${s}, keeping ${p.keepDays} days`,
  },
  free_disk: {
    title: 'Free disk',
    description: 'Remove old logs, temporary files and core dumps.',
    defaults: {},
    timeoutSeconds: 180,
    routine: false,
    checks: [hasHosts],
    describe: (s) => `free disk on ${s}: old logs, temp files, core dumps`,
  },
  backup_datastore: {
    title: 'Back up data store',
    description: 'Take a consistent backup, only while the data store has headroom.',
    defaults: {},
    timeoutSeconds: 1800,
    routine: true,
    checks: [hasHosts, datastoreHasHeadroom],
    describe: (s) => `take a consistent backup of ${s}`,
  },
  verify_backup: {
    title: 'Verify backup',
    description: 'Restore the latest backup to a scratch instance and check it.',
    defaults: {},
    timeoutSeconds: 1800,
    routine: true,
    checks: [hasHosts],
    describe: (s) => `restore the latest backup of ${s} to scratch and check it`,
  },
};

export const runbookFor = (action: RemediationKind): Runbook => ({
  action,
  params: ActionParams[action],
  tiers: RUNBOOK_TIERS[action],
  ...ENTRIES[action],
});

/** Every runbook action, in `RemediationKind` order. */
export const RUNBOOKS: readonly Runbook[] = RemediationKinds.options.map(runbookFor);

/** The catalog as data for the API and dashboard, parameters as JSON Schema. */
export const listRunbooks = () =>
  RUNBOOKS.map((r) => ({
    action: r.action,
    title: r.title,
    description: r.description,
    tiers: [...r.tiers],
    timeoutSeconds: r.timeoutSeconds,
    routine: r.routine,
    params: actionParamsJsonSchema(r.action),
  }));
