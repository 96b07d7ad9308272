import type {
  AlertSeverity,
  FaultScenario,
  LogLevel,
  MetricSample,
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
  /** All faults so far (ground truth), oldest first. */
  readonly faults: readonly SimFault[];
  readonly activeFaults: readonly SimFault[];
  /** Scenarios that apply to a service, for UIs and validation. */
  scenariosFor(service: string): FaultScenario[];
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
