import type {
  AlertSeverity,
  FaultScenario,
  LogLevel,
  MetricSample,
  RemediationKind,
  Topology,
} from '@watchfloor/domain';

/** Seconds of virtual time one `step()` covers. */
export const TICK_SECONDS = 10;

export interface SimulatorOptions {
  seed: number;
  /** Virtual start time; default 2026-01-05T00:00:00.000Z (a Monday). */
  start?: Date;
  /** Number of services in the generated estate; default 36, at least 30 for the default. */
  services?: number;
  /** Generate random faults on its own; default true. */
  faultGeneration?: boolean;
  /** Virtual seconds between generated faults, drawn uniformly; default [30, 60]. */
  faultIntervalSeconds?: [number, number];
  /** Noise alerts (flapping, blips) per virtual hour on average; default 12. */
  noisePerHour?: number;
  /** Share of newly released versions that regress (decided by seed and version); default 0.25. */
  patchRegressionRate?: number;
  /** Virtual seconds between patch releases; default 1200 (one every 20 minutes). */
  patchIntervalSeconds?: number;
  /**
   * Ended faults kept in memory (`faults`, `fault(id)`) besides the active ones; default 500.
   * Only memory: the events are the same whatever it is. `Infinity` keeps every fault.
   */
  endedFaultsKept?: number;
}

/** Parameters of a runbook action, e.g. `{ instances: 2 }` for `scale_out`. */
export type ActionParams = Record<string, string | number>;

/** What an action did, in operator words; never the ground truth behind it. */
export interface ActionEffect {
  applied: boolean;
  message: string;
}

export interface DeployEffect extends ActionEffect {
  hosts: { host: string; from: string; to: string }[];
}

/** One host's reading at the current tick, for canary analysis. */
export interface HostReading {
  host: string;
  version: string;
  errorRate: number;
  latencyP95: number;
}

/** A released version not yet deployed anywhere. */
export interface PatchProposal {
  service: string;
  /** The version most of the service's hosts run now. */
  fromVersion: string;
  toVersion: string;
  releasedAt: string;
}

/** Ground truth for an alert: the fault that caused it, or the kind of noise it is. */
export type AlertCause = { faultId: string } | { noise: 'flapping' | 'blip' };

export interface SimFault {
  id: string; // FLT-000001
  scenario: FaultScenario;
  rootService: string;
  startedAt: string;
  endsAt: string;
  endedAt: string | null;
  affected: { service: string; at: string; via: string | null }[];
  /** Sim alert keys (`SA-…`) raised because of this fault. */
  alertKeys: string[];
  injectedBy: 'generator' | 'operator';
  /** When the right action on its root was applied; it ends at the next step. */
  mitigatedAt?: string;
  mitigatedBy?: RemediationKind;
}

export type SimEvent =
  | { type: 'metrics'; at: string; samples: MetricSample[] }
  | {
      type: 'log';
      at: string;
      level: LogLevel;
      source: string;
      service: string;
      host?: string;
      message: string;
    }
  | {
      type: 'alert';
      at: string;
      /** Stable per firing episode: the `resolved` event repeats the `firing` one's key. */
      key: string;
      status: 'firing' | 'resolved';
      fingerprint: string;
      labels: {
        alertname: string;
        service: string;
        severity: AlertSeverity;
        region: string;
        host: string;
      } & Record<string, string>;
      annotations: Record<string, string>;
      startsAt: string;
      endsAt: string | null;
      /** Ground truth; the engine keeps it away from agents. */
      cause: AlertCause;
    }
  | { type: 'fault_started'; at: string; fault: SimFault }
  | { type: 'fault_spread'; at: string; faultId: string; service: string; via: string }
  | { type: 'fault_ended'; at: string; faultId: string };

export interface Simulator {
  readonly topology: Topology;
  /** Current virtual time. */
  readonly now: Date;
  readonly ticks: number;
  /** Advance one tick (TICK_SECONDS); returns that tick's events in a deterministic order. */
  step(): SimEvent[];
  /**
   * Start a fault now on a service (id or name). Throws `SimulationError` for an unknown
   * service or a scenario that does not apply to that service's tier.
   */
  injectFault(scenario: FaultScenario, service: string): SimFault;
  setFaultGeneration(on: boolean): void;
  readonly faultGeneration: boolean;
  /**
   * Recent faults (ground truth), oldest first: every active one and the most recent
   * `endedFaultsKept` ended ones (plus any that ended in the latest step). A long run's
   * full history is for whoever records the `fault_*` events (the engine's store).
   */
  readonly faults: readonly SimFault[];
  /** Faults started so far, including those no longer in `faults`. */
  readonly faultsStarted: number;
  /** A fault still in `faults` by id, without a scan; undefined once it has been dropped. */
  fault(id: string): SimFault | undefined;
  readonly activeFaults: readonly SimFault[];
  /** Scenarios that apply to a service, for UIs and validation. */
  scenariosFor(service: string): FaultScenario[];
  /**
   * Runs a runbook action on a service (id or name) now. The right action on a fault's root
   * ends it at the next step; a wrong one does nothing or makes things worse. Refusals
   * (unknown service, wrong tier, nothing to roll back...) come back as `applied: false`.
   */
  applyAction(kind: RemediationKind, service: string, params?: ActionParams): ActionEffect;
  /** Puts `version` on the named hosts of a service; `topology.hosts` shows it at once. */
  deploy(service: string, hostIds: readonly string[], version: string): DeployEffect;
  /** Each host's error rate and p95 latency at the current tick (after at least one step). */
  hostMetrics(service: string): HostReading[];
  /** The newest release per service that was never deployed, oldest release first. */
  availablePatches(): PatchProposal[];
  /** The oldest of `availablePatches()`, or null. */
  nextPatch(): PatchProposal | null;
  /** Ground truth, kept from agents: whether a version regresses on a service. */
  isRegression(service: string, version: string): boolean;
}

export class SimulationError extends Error {
  constructor(
    readonly code: 'unknown_service' | 'scenario_not_applicable',
    message: string,
  ) {
    super(message);
    this.name = 'SimulationError';
  }
}
