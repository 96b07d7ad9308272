import type { Host, Service, Tier, Topology } from '@watchfloor/domain';
import { REGIONS, serviceName } from './names.ts';
import { createRng, type Rng, STREAM } from './prng.ts';

export const DEFAULT_SERVICES = 36;
export const MIN_SERVICES = 12;
export const MAX_SERVICES = 20_000;

/** Tiers in call order: a service only depends on services of its own or a later tier. */
export const TIERS: readonly Tier[] = ['edge', 'api', 'domain', 'datastore', 'queue', 'cache'];

/** Chance that a dependency stays in the caller's region; the rest cross regions. */
const SAME_REGION = 0.8;

interface Draft {
  id: string;
  tier: Tier;
  region: string;
  deps: Set<string>;
}

type Pools = Record<Tier, Draft[]>;

function tierCounts(total: number): Record<Tier, number> {
  const edge = Math.max(2, Math.round(total * 0.05));
  const api = Math.max(3, Math.round(total * 0.17));
  const datastore = Math.max(2, Math.round(total * 0.14));
  const queue = Math.max(1, Math.round(total * 0.1));
  const cache = Math.max(1, Math.round(total * 0.1));
  const domain = total - edge - api - datastore - queue - cache;
  return { edge, api, domain, datastore, queue, cache };
}

/** A callee for `caller`, usually in its region. */
function pickCallee(rng: Rng, pool: readonly Draft[], caller: Draft): Draft {
  const local = rng.chance(SAME_REGION);
  for (let attempt = 0; attempt < 6; attempt++) {
    const candidate = rng.pick(pool);
    if ((candidate.region === caller.region) === local) return candidate;
  }
  return rng.pick(pool);
}

function addCallees(rng: Rng, caller: Draft, pool: readonly Draft[], count: number): void {
  const want = Math.min(count, pool.length);
  let added = 0;
  for (let attempt = 0; attempt < want * 4 && added < want; attempt++) {
    const callee = pickCallee(rng, pool, caller);
    if (callee.id !== caller.id && !caller.deps.has(callee.id)) {
      caller.deps.add(callee.id);
      added++;
    }
  }
}

function wireDependencies(rng: Rng, pools: Pools): void {
  const { edge, api, domain, datastore, queue, cache } = pools;
  for (const e of edge) addCallees(rng, e, api, rng.int(2, 4));
  for (const a of api) {
    addCallees(rng, a, domain, rng.int(1, 3));
    if (rng.chance(0.25)) addCallees(rng, a, cache, 1);
  }
  domain.forEach((d, i) => {
    if (rng.chance(0.85)) addCallees(rng, d, datastore, 1);
    if (rng.chance(0.4)) addCallees(rng, d, queue, 1);
    if (rng.chance(0.45)) addCallees(rng, d, cache, 1);
    // Only later-indexed domain services: keeps the graph acyclic.
    const lower = domain.slice(i + 1, i + 1 + 8);
    if (lower.length > 0 && rng.chance(0.35)) addCallees(rng, d, lower, 1);
    if (d.deps.size === 0) addCallees(rng, d, datastore, 1);
  });
  const called = new Set<string>();
  const markCalled = () => {
    for (const tier of TIERS) for (const d of pools[tier]) for (const id of d.deps) called.add(id);
  };
  markCalled();
  const adopt = (orphans: readonly Draft[], callers: readonly Draft[]) => {
    for (const orphan of orphans) {
      if (called.has(orphan.id)) continue;
      const caller = pickCallee(rng, callers, orphan);
      caller.deps.add(orphan.id);
      called.add(orphan.id);
    }
  };
  adopt(api, edge);
  adopt(domain, api);
  adopt(datastore, domain);
  adopt(queue, domain);
  adopt(cache, domain);
}

function ensureCrossRegion(pools: Pools, regionOf: Map<string, string>): void {
  for (const tier of TIERS) {
    for (const d of pools[tier]) {
      for (const dep of d.deps) if (regionOf.get(dep) !== d.region) return;
    }
  }
  // network_partition needs at least one caller in another region than its callee.
  const caller = pools.api[0];
  const callee = pools.domain.find((d) => d.region !== caller?.region);
  if (caller && callee) caller.deps.add(callee.id);
}

function hex4(rng: Rng): string {
  return rng.int(0, 0xffff).toString(16).padStart(4, '0');
}

function hostsFor(rng: Rng, service: Service, taken: Set<string>): Host[] {
  const code = REGIONS.find((r) => r.name === service.region)?.code ?? service.region;
  const version = `${rng.int(1, 3)}.${rng.int(0, 24)}.${rng.int(0, 12)}`;
  const [major, minor, patch] = version.split('.').map(Number);
  // Now and then one host still runs the previous patch, as after a staggered rollout.
  const lagging =
    rng.chance(0.15) && (patch ?? 0) > 0 ? `${major}.${minor}.${(patch ?? 1) - 1}` : null;
  const count = rng.int(2, 4);
  const hosts: Host[] = [];
  for (let i = 0; i < count; i++) {
    let id = `${service.id}-${code}-${hex4(rng)}`;
    while (taken.has(id)) id = `${service.id}-${code}-${hex4(rng)}`;
    taken.add(id);
    const hostVersion = lagging !== null && i === count - 1 ? lagging : version;
    hosts.push({ id, serviceId: service.id, region: service.region, version: hostVersion });
  }
  return hosts;
}

/**
 * A seeded estate: gateways call APIs, APIs call domain services, domain services call
 * datastores, queues, caches and lower domain services; acyclic, mostly within a region.
 * @example createEstate(42).services.find((s) => s.tier === 'edge')?.dependsOn
 */
export function createEstate(seed: number, services = DEFAULT_SERVICES): Topology {
  if (!Number.isInteger(services) || services < MIN_SERVICES || services > MAX_SERVICES) {
    throw new RangeError(`services must be an integer in ${MIN_SERVICES}..${MAX_SERVICES}`);
  }
  const rng = createRng(seed, STREAM.estate);
  const regions = REGIONS.slice(0, services >= 120 ? 3 : 2).map((r) => r.name);
  const counts = tierCounts(services);
  const regionOf = new Map<string, string>();
  const draft = (tier: Tier, t: number): Draft[] =>
    Array.from({ length: counts[tier] }, (_, i) => {
      // Rotating by tier spreads every tier over every region.
      const region = regions[(i + t) % regions.length] ?? 'eu-west-1';
      const id = serviceName(tier, i);
      regionOf.set(id, region);
      return { id, tier, region, deps: new Set<string>() };
    });
  const pools: Pools = {
    edge: draft('edge', 0),
    api: draft('api', 1),
    domain: draft('domain', 2),
    datastore: draft('datastore', 3),
    queue: draft('queue', 4),
    cache: draft('cache', 5),
  };
  wireDependencies(rng, pools);
  ensureCrossRegion(pools, regionOf);

  const list: Service[] = TIERS.flatMap((tier) =>
    pools[tier].map((d) => ({
      id: d.id,
      name: d.id,
      tier: d.tier,
      region: d.region,
      dependsOn: [...d.deps],
    })),
  );
  const taken = new Set<string>();
  const hosts = list.flatMap((s) => hostsFor(rng, s, taken));
  return { regions, services: list, hosts };
}
