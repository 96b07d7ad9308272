import type { AlertSeverity, Tier } from '@watchfloor/domain';

/** One service's state at one evaluation: its metrics plus the gauges behind special rules. */
export interface Reading {
  service: string;
  tier: Tier;
  region: string;
  latencyMs: number;
  latencyObjectiveMs: number;
  errorRate: number;
  cpu: number;
  memory: number;
  disk: number;
  throughputRps: number;
  connections: number;
  queueDepth: number;
  upstreamTimeouts: number;
  crossRegionErrors: number;
  regression: number;
  /** The affected dependency behind the symptoms, when there is one. */
  upstream: string | null;
  upstreamRegion: string | null;
}

/** A Prometheus-style alerting rule evaluated once per tick per service. */
export interface AlertRule {
  alertname: string;
  tiers: readonly Tier[];
  /** Consecutive breaching evaluations before it fires (Prometheus `for`, in ticks). */
  forTicks: number;
  /** The severity to fire with, or null while within bounds. */
  check(r: Reading): AlertSeverity | null;
  summary(r: Reading): string;
  description(r: Reading): string;
}

export const THRESHOLDS = {
  latencyCriticalFactor: 2.5,
  errorRate: { warning: 0.05, critical: 0.15 },
  cpu: { warning: 0.85, critical: 0.95 },
  memory: { warning: 0.88, critical: 0.95 },
  diskWillFill: 0.8,
  diskFull: 0.95,
  queueDepth: { warning: 5_000, critical: 30_000 },
  connections: 0.95,
  upstreamTimeouts: { warning: 0.05, critical: 0.25 },
  crossRegionErrors: 0.1,
  regression: 0.5,
} as const;

const ALL: readonly Tier[] = ['edge', 'api', 'domain', 'datastore', 'queue', 'cache'];
const CALLERS: readonly Tier[] = ['edge', 'api', 'domain'];

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const ms = (x: number): string => `${Math.round(x)}ms`;
const level = (value: number, t: { warning: number; critical: number }): AlertSeverity | null =>
  value > t.critical ? 'critical' : value > t.warning ? 'warning' : null;
const upstreamName = (r: Reading): string => r.upstream ?? 'its dependencies';

export const RULES: readonly AlertRule[] = [
  {
    alertname: 'HighLatencyP95',
    tiers: ALL,
    forTicks: 2,
    check: (r) =>
      r.latencyMs > r.latencyObjectiveMs * THRESHOLDS.latencyCriticalFactor
        ? 'critical'
        : r.latencyMs > r.latencyObjectiveMs
          ? 'warning'
          : null,
    summary: (r) => `High p95 latency on ${r.service}`,
    description: (r) =>
      `p95 latency is ${ms(r.latencyMs)} in ${r.region}, above the ${ms(r.latencyObjectiveMs)} objective.`,
  },
  {
    alertname: 'HighErrorRate',
    tiers: ALL,
    forTicks: 2,
    check: (r) => level(r.errorRate, THRESHOLDS.errorRate),
    summary: (r) => `High error rate on ${r.service}`,
    description: (r) =>
      `${pct(r.errorRate)} of requests fail (threshold ${pct(THRESHOLDS.errorRate.warning)}) at ${r.throughputRps.toFixed(0)} req/s.`,
  },
  {
    alertname: 'HighCPU',
    tiers: ALL,
    forTicks: 3,
    check: (r) => level(r.cpu, THRESHOLDS.cpu),
    summary: (r) => `CPU saturated on ${r.service}`,
    description: (r) => `CPU at ${pct(r.cpu)} for 30s (threshold ${pct(THRESHOLDS.cpu.warning)}).`,
  },
  {
    alertname: 'MemoryPressure',
    tiers: ['edge', 'api', 'domain', 'cache'],
    forTicks: 2,
    check: (r) => level(r.memory, THRESHOLDS.memory),
    summary: (r) => `Memory pressure on ${r.service}`,
    description: (r) =>
      `Memory at ${pct(r.memory)} and not released by GC (threshold ${pct(THRESHOLDS.memory.warning)}).`,
  },
  {
    alertname: 'DiskWillFillSoon',
    tiers: ['datastore', 'queue'],
    forTicks: 2,
    check: (r) => (r.disk > THRESHOLDS.diskWillFill ? 'warning' : null),
    summary: (r) => `Disk filling up on ${r.service}`,
    description: (r) =>
      `/var/lib/data is ${pct(r.disk)} full and growing; at this rate it fills within the hour.`,
  },
  {
    alertname: 'DiskFull',
    tiers: ['datastore', 'queue'],
    forTicks: 1,
    check: (r) => (r.disk > THRESHOLDS.diskFull ? 'critical' : null),
    summary: (r) => `Disk almost full on ${r.service}`,
    description: (r) => `/var/lib/data is ${pct(r.disk)} full; writes are failing.`,
  },
  {
    alertname: 'QueueBacklog',
    tiers: ['queue'],
    forTicks: 2,
    check: (r) => level(r.queueDepth, THRESHOLDS.queueDepth),
    summary: (r) => `Backlog building on ${r.service}`,
    description: (r) =>
      `${Math.round(r.queueDepth)} messages waiting (threshold ${THRESHOLDS.queueDepth.warning}); consumers process ${r.throughputRps.toFixed(0)} msg/s.`,
  },
  {
    alertname: 'DatabaseConnectionsSaturated',
    tiers: ['datastore'],
    forTicks: 2,
    check: (r) => (r.connections > THRESHOLDS.connections ? 'critical' : null),
    summary: (r) => `Connection pool saturated on ${r.service}`,
    description: (r) =>
      `${pct(r.connections)} of connections in use; clients queue for a connection.`,
  },
  {
    alertname: 'UpstreamTimeout',
    tiers: CALLERS,
    forTicks: 2,
    check: (r) => level(r.upstreamTimeouts, THRESHOLDS.upstreamTimeouts),
    summary: (r) => `${r.service} sees timeouts calling ${upstreamName(r)}`,
    description: (r) =>
      `${pct(r.upstreamTimeouts)} of calls to ${upstreamName(r)} time out; p95 latency ${ms(r.latencyMs)}.`,
  },
  {
    alertname: 'CrossRegionUnreachable',
    tiers: ALL,
    forTicks: 1,
    check: (r) => (r.crossRegionErrors > THRESHOLDS.crossRegionErrors ? 'critical' : null),
    summary: (r) => `${r.service} cannot reach ${upstreamName(r)} across regions`,
    description: (r) =>
      `${pct(r.crossRegionErrors)} of calls from ${r.region} to ${upstreamName(r)} in ${r.upstreamRegion ?? 'another region'} fail to connect.`,
  },
  {
    alertname: 'DeploymentRegression',
    tiers: CALLERS,
    forTicks: 1,
    check: (r) => (r.regression > THRESHOLDS.regression ? 'critical' : null),
    summary: (r) => `Error rate jumped on ${r.service} after a deploy`,
    description: (r) =>
      `Errors rose to ${pct(r.errorRate)} right after the latest rollout; consider rolling back.`,
  },
];

/** Indices into RULES of the rules that apply to a tier. */
export const rulesForTier = (tier: Tier): number[] =>
  RULES.flatMap((rule, i) => (rule.tiers.includes(tier) ? [i] : []));
