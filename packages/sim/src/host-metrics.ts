import type { DeployBook } from './deploys.ts';
import type { EstateGraph } from './graph.ts';
import { hashUnit } from './hash.ts';
import type { MetricsModel } from './metrics.ts';
import type { HostReading } from './types.ts';

/** Host-to-host spread around the service's value: relative, for error rate and latency. */
const ERROR_SPREAD = 0.15;
const LATENCY_SPREAD = 0.04;

const round = (x: number, scale: number): number => Math.round(x * scale) / scale;

/**
 * Per-host readings at `tick`: the service's healthy value (its metrics without the share of
 * regressed hosts) with a little seeded spread, plus the regression of the host's own version.
 * Reading them changes nothing, so a dry run or a dashboard poll cannot shift the simulation.
 */
export function hostReadings(
  i: number,
  tick: number,
  seed: number,
  graph: EstateGraph,
  metrics: MetricsModel,
  deploys: DeployBook,
): HostReading[] {
  const errorRate = Math.max(0, (metrics.errorRate[i] ?? 0) - (deploys.errorAdd[i] ?? 0));
  const latency = (metrics.latency[i] ?? 0) / (deploys.latencyMul[i] ?? 1);
  return (graph.hosts[i] ?? []).map((host) => {
    const version = deploys.versionOf(host);
    const e = 2 * hashUnit(seed, 'host-errors', tick, host) - 1;
    const l = 2 * hashUnit(seed, 'host-latency', tick, host) - 1;
    const regression = deploys.regressionOf(i, version);
    return {
      host,
      version,
      errorRate: round(
        Math.min(1, errorRate * (1 + ERROR_SPREAD * e) + (regression?.errorAdd ?? 0)),
        1e5,
      ),
      latencyP95: round(latency * (1 + LATENCY_SPREAD * l) * (regression?.latencyMul ?? 1), 10),
    };
  });
}
