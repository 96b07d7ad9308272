import { FaultScenario, type Tier } from '@watchfloor/domain';
import type { Effects } from './effects.ts';
import type { Rng } from './prng.ts';

/** How one kind of fault behaves at its root and at the callers it spreads to. */
export interface ScenarioSpec {
  tiers: readonly Tier[];
  /** Ticks from the start until the root is fully broken (0 = at once). */
  rampTicks(durationTicks: number, rng: Rng): number;
  /** Share of the ramp after which callers start to notice (spreading starts then). */
  noticeAt: number;
  /** How broken the root looks to its callers when its ramp is at `ramp`, 0..1. */
  symptom(ramp: number): number;
  /** Effects on the root; `magnitude` (0.7..1) is drawn per fault. */
  root(fx: Effects, i: number, ramp: number, magnitude: number): void;
  /** Effects on a caller `hop` steps from the root, at intensity `e` (0..1). */
  caller(fx: Effects, i: number, e: number, hop: number, magnitude: number): void;
}

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const linear = (ramp: number): number => ramp;
const after = (from: number) => (ramp: number) => clamp01((ramp - from) / (1 - from));

/** Callers of a struggling service: slower, some errors, some timeouts, a little CPU. */
const degraded =
  (slowdown: number, errors: number, timeouts: number) =>
  (fx: Effects, i: number, e: number): void => {
    fx.slow(i, 1 + slowdown * e);
    fx.fail(i, errors * e);
    fx.add(fx.upstreamTimeouts, i, timeouts * e);
    fx.add(fx.cpuAdd, i, 0.04 * e);
  };

const badDeployErrors = (magnitude: number): number => 0.08 + 0.2 * magnitude;

export const SCENARIOS: Readonly<Record<FaultScenario, ScenarioSpec>> = {
  db_saturation: {
    tiers: ['datastore'],
    rampTicks: (_, rng) => rng.int(4, 9),
    noticeAt: 0.3,
    symptom: linear,
    root(fx, i, r, m) {
      fx.fill(fx.cpuFill, i, 0.95 * r);
      fx.fill(fx.connectionFill, i, r);
      fx.slow(i, 1 + 12 * r * r * m);
      fx.fail(i, 0.05 * r * r * m);
      fx.shed(i, 0.2 * r);
    },
    caller: degraded(3, 0.1, 0.25),
  },
  memory_leak: {
    tiers: ['api', 'domain'],
    rampTicks: (duration, rng) => Math.round(duration * rng.float(0.55, 0.75)),
    noticeAt: 0.6,
    symptom: after(0.6),
    root(fx, i, r, m) {
      const gc = after(0.7)(r);
      fx.fill(fx.memoryFill, i, r);
      fx.slow(i, 1 + 5 * gc * m);
      fx.add(fx.cpuAdd, i, 0.25 * gc);
      fx.fail(i, 0.03 * after(0.9)(r));
    },
    caller: degraded(3, 0.08, 0.3),
  },
  bad_deploy: {
    tiers: ['edge', 'api', 'domain'],
    rampTicks: () => 0,
    noticeAt: 0,
    symptom: linear,
    root(fx, i, r, m) {
      fx.fail(i, badDeployErrors(m) * r);
      fx.slow(i, 1 + 1.5 * m * r);
      fx.fill(fx.regression, i, r);
    },
    caller(fx, i, e, _hop, m) {
      // 5xx from the broken service surface as errors upstream, without timeouts.
      fx.fail(i, 0.5 * badDeployErrors(m) * e);
      fx.slow(i, 1 + e);
    },
  },
  disk_filling: {
    tiers: ['datastore', 'queue'],
    rampTicks: (duration, rng) => Math.round(duration * rng.float(0.6, 0.8)),
    noticeAt: 0.85,
    symptom: after(0.85),
    root(fx, i, r) {
      const full = after(0.9)(r);
      fx.fill(fx.diskFill, i, r);
      fx.fail(i, 0.12 * full);
      fx.slow(i, 1 + 2 * full);
    },
    caller: degraded(1.5, 0.12, 0.1),
  },
  dependency_timeout: {
    tiers: ['domain', 'datastore', 'cache'],
    rampTicks: () => 2,
    noticeAt: 0.3,
    symptom: linear,
    root(fx, i, r, m) {
      fx.slow(i, 1 + 24 * r * m);
      fx.fail(i, 0.03 * r);
      fx.shed(i, 0.25 * r);
      fx.add(fx.cpuAdd, i, 0.05 * r);
    },
    caller: degraded(6, 0.08, 0.5),
  },
  network_partition: {
    tiers: ['edge', 'api', 'domain', 'datastore', 'queue', 'cache'],
    rampTicks: () => 0,
    noticeAt: 0,
    symptom: linear,
    root(fx, i, r) {
      // The root itself is fine; it just stops seeing traffic from the other region.
      fx.shed(i, 0.3 * r);
    },
    caller(fx, i, e, hop) {
      if (hop === 1) {
        fx.add(fx.crossRegionErrors, i, 0.6 * e);
        fx.fail(i, 0.35 * e);
        fx.slow(i, 1 + 2 * e);
      } else {
        degraded(2, 0.15, 0.2)(fx, i, e);
      }
    },
  },
  queue_backlog: {
    tiers: ['queue'],
    rampTicks: (_, rng) => rng.int(6, 12),
    noticeAt: 0.4,
    symptom: linear,
    root(fx, i, r, m) {
      fx.add(fx.queueAdd, i, 60_000 * r * m);
      fx.slow(i, 1 + 4 * r);
      fx.shed(i, 0.6 * r);
    },
    caller: degraded(1.2, 0.03, 0.15),
  },
};

export const SCENARIO_NAMES: readonly FaultScenario[] = FaultScenario.options;

/** Scenarios that can start on a service of `tier`; a partition needs remote callers. */
export function scenariosForTier(tier: Tier, hasRemoteCaller: boolean): FaultScenario[] {
  return SCENARIO_NAMES.filter(
    (s) => SCENARIOS[s].tiers.includes(tier) && (s !== 'network_partition' || hasRemoteCaller),
  );
}
