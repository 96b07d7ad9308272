import type { DeployBook } from './deploys.ts';
import type { EstateGraph } from './graph.ts';
import { hashUnit } from './hash.ts';
import type { PatchProposal } from './types.ts';
import { majorityVersion, newestVersion, nextMinor } from './versions.ts';

export const DEFAULT_PATCH_INTERVAL_SECONDS = 1200;

interface Release {
  service: number;
  version: string;
  tick: number;
}

/**
 * Releases a new minor version of one seeded service every interval. Computed lazily from
 * the tick alone, so asking for patches (or not) never changes what gets released.
 */
export class PatchSchedule {
  readonly #graph: EstateGraph;
  readonly #seed: number;
  readonly #intervalTicks: number;
  readonly #latest = new Map<number, Release>();
  readonly #newest: string[];
  #through = 0;

  constructor(graph: EstateGraph, seed: number, intervalTicks: number, deploys: DeployBook) {
    if (!(intervalTicks >= 1)) throw new RangeError('patchIntervalSeconds must be at least a tick');
    this.#graph = graph;
    this.#seed = seed;
    this.#intervalTicks = Math.round(intervalTicks);
    this.#newest = graph.services.map((_, i) => newestVersion(deploys.versionsOf(i)));
  }

  available(tick: number, deploys: DeployBook, iso: (tick: number) => string): PatchProposal[] {
    this.#releaseThrough(tick);
    return [...this.#latest.values()]
      .filter((r) => !deploys.everDeployed(r.service, r.version))
      .sort((a, b) => a.tick - b.tick)
      .map((r) => ({
        service: this.#graph.services[r.service]?.id ?? '',
        fromVersion: majorityVersion(deploys.versionsOf(r.service)),
        toVersion: r.version,
        releasedAt: iso(r.tick),
      }));
  }

  #releaseThrough(tick: number): void {
    const n = this.#graph.services.length;
    for (let k = this.#through + 1; k * this.#intervalTicks <= tick; k++) {
      const service = Math.floor(hashUnit(this.#seed, 'release', k) * n);
      const version = nextMinor(this.#newest[service] ?? '0.0.0');
      this.#newest[service] = version;
      this.#latest.set(service, { service, version, tick: k * this.#intervalTicks });
      this.#through = k;
    }
  }
}
