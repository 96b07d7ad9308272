import {
  Host,
  MetricName,
  type MetricSample,
  page,
  Service,
  Tier,
  type Topology,
} from '@watchfloor/domain';
import { z } from 'zod';
import { ServiceHealth } from '../query.ts';

/** A service as the dashboard shows it: its health from firing alerts and latest metrics. */
export const ServiceView = Service.extend({
  health: ServiceHealth,
  metrics: z.partialRecord(MetricName, z.number()).nullable(),
});
export type ServiceView = z.infer<typeof ServiceView>;

/** `GET /api/topology/services`: `total` counts every match, not just this page. */
export const ServicePage = page(ServiceView).extend({ total: z.number().int() });

export const ServiceDetail = ServiceView.extend({
  hosts: z.array(Host),
  calledBy: z.array(z.string()),
});

const HealthCounts = z.object({
  services: z.number().int(),
  healthy: z.number().int(),
  warning: z.number().int(),
  critical: z.number().int(),
});

/** `GET /api/topology`: the same size at 36 services as at 5,000. */
export const TopologySummary = z.object({
  regions: z.array(z.string()),
  tiers: z.array(Tier),
  totals: HealthCounts.extend({ hosts: z.number().int(), dependencies: z.number().int() }),
  cells: z.array(
    HealthCounts.extend({
      tier: Tier,
      region: z.string(),
      /** At most `tiles` services of this cell, worst health first, shown in estate order. */
      shown: z.array(ServiceView),
    }),
  ),
});
export type TopologySummary = z.infer<typeof TopologySummary>;
type TopologyCell = TopologySummary['cells'][number];

/** What health and metrics are read from (the engine's live state). */
export interface LiveState {
  /** Worst firing severity per service; missing means healthy. */
  health: ReadonlyMap<string, 'warning' | 'critical'>;
  metrics: ReadonlyMap<string, MetricSample>;
}

/** Lookups over one estate, built once: the topology does not change while a server runs. */
export interface EstateIndex {
  topology: Topology;
  servicePosition: ReadonlyMap<string, number>;
  hostPosition: ReadonlyMap<string, number>;
  hostsOf: ReadonlyMap<string, readonly Host[]>;
  calledBy: ReadonlyMap<string, readonly string[]>;
  /** Ids and names: what an alert's `service` label may say. */
  known: ReadonlySet<string>;
  dependencies: number;
}

const indexes = new WeakMap<Topology, EstateIndex>();

export function estateIndex(topology: Topology): EstateIndex {
  const cached = indexes.get(topology);
  if (cached) return cached;
  const hostsOf = new Map<string, Host[]>();
  for (const h of topology.hosts) {
    const list = hostsOf.get(h.serviceId);
    if (list) list.push(h);
    else hostsOf.set(h.serviceId, [h]);
  }
  const calledBy = new Map<string, string[]>();
  let dependencies = 0;
  for (const s of topology.services) {
    for (const callee of s.dependsOn) {
      dependencies++;
      const callers = calledBy.get(callee);
      if (callers) callers.push(s.id);
      else calledBy.set(callee, [s.id]);
    }
  }
  const index: EstateIndex = {
    topology,
    servicePosition: new Map(topology.services.map((s, i) => [s.id, i])),
    hostPosition: new Map(topology.hosts.map((h, i) => [h.id, i])),
    hostsOf,
    calledBy,
    known: new Set(topology.services.flatMap((s) => [s.id, s.name])),
    dependencies,
  };
  indexes.set(topology, index);
  return index;
}

export const healthOf = (live: LiveState, id: string): ServiceHealth =>
  live.health.get(id) ?? 'healthy';

export const viewOf = (live: LiveState, s: Service): ServiceView => ({
  ...s,
  health: healthOf(live, s.id),
  metrics: live.metrics.get(s.id)?.values ?? null,
});

export interface ServiceFilter {
  q?: string | undefined;
  tier?: readonly string[] | undefined;
  region?: string | undefined;
  health?: readonly ServiceHealth[] | undefined;
}

/** The filter of `GET /api/topology/services`; `q` is a case-insensitive part of id or name. */
export function serviceMatcher(live: LiveState, filter: ServiceFilter) {
  const q = filter.q?.toLowerCase();
  return (s: Service): boolean =>
    (!q || s.id.toLowerCase().includes(q) || s.name.toLowerCase().includes(q)) &&
    (!filter.tier || filter.tier.includes(s.tier)) &&
    (!filter.region || s.region === filter.region) &&
    (!filter.health || filter.health.includes(healthOf(live, s.id)));
}

const RANK: Record<ServiceHealth, number> = { critical: 0, warning: 1, healthy: 2 };

/**
 * Counts per tier × region and health, plus a few services per cell: the same size at 36
 * services as at 5,000, so the overview never downloads the estate.
 */
export function summarize(index: EstateIndex, live: LiveState, tiles: number): TopologySummary {
  const { regions, services, hosts } = index.topology;
  const cells = new Map<string, TopologyCell & { picks: ServiceView[][] }>();
  for (const tier of Tier.options) {
    for (const region of regions) {
      cells.set(`${tier}|${region}`, {
        tier,
        region,
        services: 0,
        healthy: 0,
        warning: 0,
        critical: 0,
        shown: [],
        picks: [[], [], []],
      });
    }
  }
  const totals = { services: 0, healthy: 0, warning: 0, critical: 0 };
  for (const s of services) {
    const cell = cells.get(`${s.tier}|${s.region}`);
    if (!cell) continue;
    const health = healthOf(live, s.id);
    cell.services++;
    cell[health]++;
    totals.services++;
    totals[health]++;
    // One bounded list per health level: the worst `tiles` are kept without sorting the cell.
    const picks = cell.picks[RANK[health]];
    if (picks && picks.length < tiles) picks.push(viewOf(live, s));
  }
  const position = (v: ServiceView) => index.servicePosition.get(v.id) ?? 0;
  return {
    regions: [...regions],
    tiers: [...Tier.options],
    totals: { ...totals, hosts: hosts.length, dependencies: index.dependencies },
    cells: [...cells.values()].map(({ picks, ...cell }) => ({
      ...cell,
      shown: picks
        .flat()
        .slice(0, tiles)
        .sort((a, b) => position(a) - position(b)),
    })),
  };
}
