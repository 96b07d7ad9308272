import type { Service, Topology } from '@watchfloor/domain';

/** The topology as arrays indexed by service position, for per-tick loops without lookups. */
export interface EstateGraph {
  readonly topology: Topology;
  readonly services: readonly Service[];
  /** Service position by id or by name. */
  readonly indexOf: ReadonlyMap<string, number>;
  /** Position in `topology.regions` of each service's region. */
  readonly regionIndex: Uint8Array;
  /** Callers of each service: the services whose `dependsOn` includes it. */
  readonly callers: readonly (readonly number[])[];
  readonly hosts: readonly (readonly string[])[];
  /** Position of each service's first host in the estate-wide host numbering (hosts[i] in order). */
  readonly hostStart: Int32Array;
  readonly hostCount: number;
  /** Whether a service has callers in another region (a network_partition candidate). */
  readonly hasRemoteCaller: readonly boolean[];
}

export function indexEstate(topology: Topology): EstateGraph {
  const { services } = topology;
  const indexOf = new Map<string, number>();
  services.forEach((s, i) => {
    indexOf.set(s.name, i);
    indexOf.set(s.id, i);
  });
  const regionIndex = new Uint8Array(services.length);
  const callers: number[][] = services.map(() => []);
  const hosts: string[][] = services.map(() => []);
  const hasRemoteCaller = services.map(() => false);
  services.forEach((s, i) => {
    regionIndex[i] = Math.max(0, topology.regions.indexOf(s.region));
    for (const dep of s.dependsOn) {
      const j = indexOf.get(dep);
      if (j === undefined) continue;
      callers[j]?.push(i);
      if (services[j]?.region !== s.region) hasRemoteCaller[j] = true;
    }
  });
  for (const host of topology.hosts) {
    const i = indexOf.get(host.serviceId);
    if (i !== undefined) hosts[i]?.push(host.id);
  }
  const hostStart = new Int32Array(services.length);
  let hostCount = 0;
  hosts.forEach((list, i) => {
    hostStart[i] = hostCount;
    hostCount += list.length;
  });
  return {
    topology,
    services,
    indexOf,
    regionIndex,
    callers,
    hosts,
    hostStart,
    hostCount,
    hasRemoteCaller,
  };
}
