import type { Topology } from '@watchfloor/domain';
import { DirectedGraph } from 'graphology';

/**
 * The dependency graph (a graphology graph: a node per service, an edge from caller to
 * callee along `dependsOn`) as lookups: which services a service calls (downstream) and which
 * call it (upstream), each within a few hops, computed on first use and kept.
 */
export class DependencyIndex {
  readonly graph = new DirectedGraph<{ region: string }>();
  readonly #ids = new Map<string, string>();
  readonly #callees = new Map<string, readonly string[]>();
  readonly #callers = new Map<string, readonly string[]>();
  readonly #down = new Map<string, ReadonlyMap<string, number>>();
  readonly #up = new Map<string, ReadonlyMap<string, number>>();
  readonly #near = new Map<string, ReadonlySet<string>>();
  readonly maxHops: number;

  constructor(topology: Topology, maxHops: number) {
    this.maxHops = maxHops;
    for (const s of topology.services) {
      this.#ids.set(s.id, s.id);
      this.#ids.set(s.name, s.id);
      this.graph.mergeNode(s.id, { region: s.region });
    }
    for (const s of topology.services) {
      for (const dep of s.dependsOn) {
        // A dependency outside the topology still counts as a callee, as it always has.
        if (!this.graph.hasNode(dep)) this.graph.addNode(dep, { region: '' });
        this.graph.mergeEdge(s.id, dep);
      }
    }
  }

  /** The topology id for a service label (id or name); unknown labels pass through. */
  idOf(label: string): string {
    return this.#ids.get(label) ?? label;
  }

  knows(service: string): boolean {
    return this.#ids.get(service) === service;
  }

  regionOf(service: string): string | undefined {
    return this.graph.hasNode(service)
      ? this.graph.getNodeAttribute(service, 'region') || undefined
      : undefined;
  }

  /** Graph lookups are kept as arrays: correlation asks for the same services again and again. */
  callees(service: string): readonly string[] {
    return this.#neighbours(service, this.#callees, (s) => this.graph.outNeighbors(s));
  }

  callers(service: string): readonly string[] {
    return this.#neighbours(service, this.#callers, (s) => this.graph.inNeighbors(s));
  }

  #neighbours(
    service: string,
    cache: Map<string, readonly string[]>,
    read: (s: string) => string[],
  ): readonly string[] {
    let found = cache.get(service);
    if (!found) {
      found = this.graph.hasNode(service) ? read(service) : [];
      cache.set(service, found);
    }
    return found;
  }

  /** Services `service` depends on within maxHops, with the fewest hops to each. */
  downstream(service: string): ReadonlyMap<string, number> {
    return this.#reach(service, this.#down, (s) => this.callees(s));
  }

  /** Services that depend on `service` within maxHops, with the fewest hops from each. */
  upstream(service: string): ReadonlyMap<string, number> {
    return this.#reach(service, this.#up, (s) => this.callers(s));
  }

  /**
   * Services whose alerts an alert on `service` can link to: itself, its dependencies and
   * dependents within maxHops, and the other callers of the dependency it names as failing.
   */
  neighbourhood(service: string, upstream: string | null): ReadonlySet<string> {
    const key = upstream === null ? service : `${service}\u0000${upstream}`;
    const known = this.#near.get(key);
    if (known) return known;
    const services = new Set([service]);
    for (const s of this.downstream(service).keys()) services.add(s);
    for (const s of this.upstream(service).keys()) services.add(s);
    if (upstream) for (const s of this.callers(upstream)) services.add(s);
    this.#near.set(key, services);
    return services;
  }

  /** Hops from caller to callee along dependsOn, or null when not within maxHops. */
  hops(caller: string, callee: string): number | null {
    return this.downstream(caller).get(callee) ?? null;
  }

  #reach(
    service: string,
    cache: Map<string, ReadonlyMap<string, number>>,
    next: (s: string) => readonly string[],
  ): ReadonlyMap<string, number> {
    const known = cache.get(service);
    if (known) return known;
    const found = new Map<string, number>();
    let frontier = [service];
    for (let hop = 1; hop <= this.maxHops && frontier.length > 0; hop++) {
      const following: string[] = [];
      for (const s of frontier) {
        for (const n of next(s)) {
          if (n === service || found.has(n)) continue;
          found.set(n, hop);
          following.push(n);
        }
      }
      frontier = following;
    }
    cache.set(service, found);
    return found;
  }
}
