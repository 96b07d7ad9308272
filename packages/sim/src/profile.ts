import type { Tier } from '@watchfloor/domain';
import type { Rng } from './prng.ts';

/** A service's healthy operating point; the metric model moves around it. */
export interface ServiceProfile {
  /** Requests (or queries, messages) per second at a weekday afternoon peak. */
  rps: number;
  latencyMs: number;
  /** p95 latency objective; HighLatencyP95 fires above it. */
  latencyObjectiveMs: number;
  errorRate: number;
  /** CPU at peak traffic. */
  cpu: number;
  memory: number;
  disk: number;
  /** Disk growth over a weekly retention cycle. */
  diskGrowth: number;
  diskPhase: number;
  /** Share of the connection pool in use at peak (datastores). */
  dbConnections: number;
  /** Messages waiting at peak (queues). */
  queueDepth: number;
}

type Range = readonly [number, number];

interface TierRanges {
  rps: Range;
  latencyMs: Range;
  errorRate: Range;
  cpu: Range;
  memory: Range;
  disk: Range;
  diskGrowth: Range;
}

const RANGES: Record<Tier, TierRanges> = {
  edge: {
    rps: [800, 2000],
    latencyMs: [40, 80],
    errorRate: [0.001, 0.003],
    cpu: [0.2, 0.35],
    memory: [0.35, 0.5],
    disk: [0.15, 0.3],
    diskGrowth: [0.005, 0.02],
  },
  api: {
    rps: [200, 800],
    latencyMs: [60, 150],
    errorRate: [0.001, 0.004],
    cpu: [0.15, 0.35],
    memory: [0.4, 0.55],
    disk: [0.15, 0.3],
    diskGrowth: [0.005, 0.02],
  },
  domain: {
    rps: [100, 500],
    latencyMs: [40, 120],
    errorRate: [0.001, 0.004],
    cpu: [0.15, 0.35],
    memory: [0.4, 0.55],
    disk: [0.15, 0.3],
    diskGrowth: [0.005, 0.02],
  },
  datastore: {
    rps: [300, 1500],
    latencyMs: [4, 25],
    errorRate: [0.0002, 0.001],
    cpu: [0.2, 0.35],
    memory: [0.55, 0.7],
    disk: [0.35, 0.55],
    diskGrowth: [0.02, 0.06],
  },
  queue: {
    rps: [100, 600],
    latencyMs: [5, 20],
    errorRate: [0.0002, 0.001],
    cpu: [0.1, 0.25],
    memory: [0.4, 0.55],
    disk: [0.25, 0.45],
    diskGrowth: [0.02, 0.06],
  },
  cache: {
    rps: [1000, 4000],
    latencyMs: [1, 4],
    errorRate: [0.0001, 0.0005],
    cpu: [0.1, 0.25],
    memory: [0.55, 0.7],
    disk: [0.1, 0.2],
    diskGrowth: [0.002, 0.01],
  },
};

const draw = (rng: Rng, [min, max]: Range): number => rng.float(min, max);

export function createProfile(rng: Rng, tier: Tier): ServiceProfile {
  const r = RANGES[tier];
  const latencyMs = draw(rng, r.latencyMs);
  return {
    rps: draw(rng, r.rps),
    latencyMs,
    latencyObjectiveMs: Math.ceil(latencyMs * 2.2),
    errorRate: draw(rng, r.errorRate),
    cpu: draw(rng, r.cpu),
    memory: draw(rng, r.memory),
    disk: draw(rng, r.disk),
    diskGrowth: draw(rng, r.diskGrowth),
    diskPhase: rng.next(),
    dbConnections: tier === 'datastore' ? rng.float(0.25, 0.4) : 0,
    queueDepth: tier === 'queue' ? rng.float(20, 300) : 0,
  };
}
