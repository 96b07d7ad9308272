import type { Host } from '@watchfloor/domain';
import type { Effects } from './effects.ts';
import type { EstateGraph } from './graph.ts';
import { hashUnit } from './hash.ts';
import type { DeployEffect } from './types.ts';
import { majorityVersion, nextPatch, VERSION_PATTERN } from './versions.ts';

export const DEFAULT_PATCH_REGRESSION_RATE = 0.25;

/** What a regressed version does to each host running it. */
export interface Regression {
  errorAdd: number;
  latencyMul: number;
}

/**
 * Host versions, their deploy history and which versions regress. Versions present at start
 * and those a `bad_deploy` fault ships behave as given; any other version regresses with
 * probability `rate`, decided by the seed, service and version string so a replay agrees.
 */
export class DeployBook {
  readonly #graph: EstateGraph;
  readonly #seed: number;
  readonly #rate: number;
  /** The topology's own host records: a deploy shows in `topology.hosts` at once. */
  readonly #hosts: ReadonlyMap<string, Host>;
  /** Versions each host ran before, latest last. */
  readonly #history = new Map<string, string[]>();
  /** Per service: versions whose behaviour is given (initial, or shipped by a fault). */
  readonly #given: Set<string>[];
  /** Per service: every version ever deployed through `deploy`. */
  readonly #deployed: Set<string>[];
  /** Services that ever had a deploy, the only ones that can carry a regression. */
  readonly #services = new Set<number>();
  /** Service-level share of regression applied at the last step (for per-host readings). */
  readonly errorAdd: Float64Array;
  readonly latencyMul: Float64Array;
  #applied: number[] = [];

  constructor(graph: EstateGraph, seed: number, rate: number) {
    if (!(rate >= 0 && rate <= 1)) throw new RangeError('patchRegressionRate must be in 0..1');
    this.#graph = graph;
    this.#seed = seed;
    this.#rate = rate;
    this.#hosts = new Map(graph.topology.hosts.map((h) => [h.id, h]));
    this.#given = graph.hosts.map((ids) => new Set(ids.map((id) => this.versionOf(id))));
    this.#deployed = graph.services.map(() => new Set<string>());
    this.errorAdd = new Float64Array(graph.services.length);
    this.latencyMul = new Float64Array(graph.services.length).fill(1);
  }

  versionOf(host: string): string {
    return this.#hosts.get(host)?.version ?? '';
  }

  versionsOf(i: number): string[] {
    return (this.#graph.hosts[i] ?? []).map((h) => this.versionOf(h));
  }

  /** Ground truth: what running `version` on service `i` does to a host, or null. */
  regressionOf(i: number, version: string): Regression | null {
    const id = this.#graph.services[i]?.id ?? '';
    if (this.#given[i]?.has(version)) return null;
    if (hashUnit(this.#seed, 'regression', id, version) >= this.#rate) return null;
    return {
      errorAdd: 0.04 + 0.08 * hashUnit(this.#seed, 'regression-errors', id, version),
      latencyMul: 1.5 + hashUnit(this.#seed, 'regression-latency', id, version),
    };
  }

  everDeployed(i: number, version: string): boolean {
    return this.#deployed[i]?.has(version) ?? false;
  }

  canRollback(i: number): boolean {
    return (this.#graph.hosts[i] ?? []).some((h) => (this.#history.get(h)?.length ?? 0) > 0);
  }

  deploy(i: number, hostIds: readonly string[], version: string): DeployEffect {
    const service = this.#graph.services[i]?.id ?? '';
    const own = new Set(this.#graph.hosts[i] ?? []);
    if (!VERSION_PATTERN.test(version)) {
      return refuse(`"${version}" is not a version like 1.2.3`);
    }
    if (hostIds.length === 0) return refuse(`no hosts of ${service} named to deploy to`);
    const stranger = hostIds.find((h) => !own.has(h));
    if (stranger !== undefined) return refuse(`${stranger} is not a host of ${service}`);
    this.#deployed[i]?.add(version);
    this.#services.add(i);
    const hosts = [...new Set(hostIds)].map((h) => this.#set(h, version, true));
    const changed = hosts.filter((h) => h.from !== h.to).length;
    return {
      applied: true,
      message: `deployed ${version} to ${hosts.length} host${hosts.length === 1 ? '' : 's'} of ${service} (${changed} changed)`,
      hosts,
    };
  }

  /** Puts every host of service `i` that has history back on the version it ran before. */
  rollback(i: number): DeployEffect {
    const service = this.#graph.services[i]?.id ?? '';
    const hosts = (this.#graph.hosts[i] ?? []).flatMap((h) => {
      const previous = this.#history.get(h)?.pop();
      return previous === undefined ? [] : [this.#set(h, previous, false)];
    });
    const to = majorityVersion(hosts.map((h) => h.to));
    return {
      applied: hosts.length > 0,
      message:
        hosts.length > 0
          ? `rolled back ${hosts.length} host${hosts.length === 1 ? '' : 's'} of ${service} to ${to}`
          : `no earlier version of ${service} to roll back to`,
      hosts,
    };
  }

  /** A `bad_deploy` fault ships a hotfix to every host of its root. */
  shipFaultyHotfix(i: number): void {
    const version = nextPatch(majorityVersion(this.versionsOf(i)));
    this.#given[i]?.add(version);
    for (const h of this.#graph.hosts[i] ?? []) this.#set(h, version, true);
  }

  /** Adds each service's share of its regressed hosts to this tick's effects. */
  apply(fx: Effects): void {
    for (const i of this.#applied) {
      this.errorAdd[i] = 0;
      this.latencyMul[i] = 1;
    }
    this.#applied = [];
    for (const i of this.#services) {
      const ids = this.#graph.hosts[i] ?? [];
      let errors = 0;
      let slowdown = 0;
      for (const h of ids) {
        const r = this.regressionOf(i, this.versionOf(h));
        if (!r) continue;
        errors += r.errorAdd;
        slowdown += r.latencyMul - 1;
      }
      if (errors === 0) continue;
      // The service's p95 and error rate blend its hosts: one bad host of four shows as a quarter.
      this.errorAdd[i] = errors / ids.length;
      this.latencyMul[i] = 1 + slowdown / ids.length;
      this.#applied.push(i);
      fx.touch(i, -1, 0, -1);
      fx.fail(i, this.errorAdd[i] ?? 0);
      fx.slow(i, this.latencyMul[i] ?? 1);
    }
  }

  #set(host: string, version: string, remember: boolean): DeployEffect['hosts'][number] {
    const record = this.#hosts.get(host);
    const from = record?.version ?? '';
    if (record && from !== version) {
      if (remember) {
        const past = this.#history.get(host) ?? [];
        past.push(from);
        this.#history.set(host, past);
      }
      record.version = version;
    }
    return { host, from, to: version };
  }
}

const refuse = (message: string): DeployEffect => ({ applied: false, message, hosts: [] });
