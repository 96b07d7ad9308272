import type { LogLevel } from '@watchfloor/domain';
import type { ActiveFault, Impact } from './faults.ts';
import type { EstateGraph } from './graph.ts';
import { callerLine, type LineContext, recoveredLine, rootLine, routineLine } from './log-lines.ts';
import type { MetricsModel } from './metrics.ts';
import type { Rng } from './prng.ts';
import type { SimEvent } from './types.ts';

/** Symptom lines per tick across the estate, so a big storm cannot flood the log. */
const MAX_SYMPTOM_LINES = 24;
const MAX_ROUTINE_LINES = 4;

const bumpPatch = (version: string): string => {
  const [major = '1', minor = '0', patch = '0'] = version.split('.');
  return `${major}.${minor}.${Number(patch) + 1}`;
};

/** Log lines that reflect what is happening: sampled routine info, symptoms of faults. */
export class LogWriter {
  readonly #graph: EstateGraph;
  readonly #metrics: MetricsModel;
  readonly #rng: Rng;
  readonly #versions: string[];

  constructor(graph: EstateGraph, metrics: MetricsModel, rng: Rng) {
    this.#graph = graph;
    this.#metrics = metrics;
    this.#rng = rng;
    const versions = new Map<string, string>();
    for (const h of graph.topology.hosts)
      if (!versions.has(h.serviceId)) versions.set(h.serviceId, h.version);
    this.#versions = graph.services.map((s) => versions.get(s.id) ?? '1.0.0');
  }

  faultStarted(a: ActiveFault, at: string, out: SimEvent[]): void {
    if (a.fault.scenario !== 'bad_deploy') return;
    const root = a.reached[0]?.service ?? 0;
    const hosts = this.#graph.hosts[root]?.length ?? 0;
    const c = this.#context(root, -1, a);
    this.#push(out, at, 'info', root, `deployed version ${c.version} to ${hosts} hosts`);
  }

  faultEnded(a: ActiveFault, at: string, out: SimEvent[]): void {
    const root = a.reached[0]?.service ?? 0;
    const c = this.#context(root, -1, a);
    this.#push(out, at, 'info', root, recoveredLine(a.fault.scenario, c, this.#rng));
  }

  symptoms(impacts: readonly Impact[], at: string, out: SimEvent[]): void {
    const rng = this.#rng;
    let written = 0;
    for (const { fault, reach, level } of impacts) {
      if (written >= MAX_SYMPTOM_LINES) return;
      if (level < 0.4 || !rng.chance(0.3 + 0.5 * level)) continue;
      const root = reach.hop === 0;
      const c = this.#context(reach.service, reach.via, fault);
      const scenario = fault.fault.scenario;
      const severe = root ? fault.spec.symptom(level) >= 0.5 : level >= 0.5;
      const message = root ? rootLine(scenario, c, rng) : callerLine(scenario, c, rng);
      this.#push(out, at, severe ? 'error' : 'warn', reach.service, message);
      written++;
    }
  }

  routine(at: string, out: SimEvent[]): void {
    const rng = this.#rng;
    const services = this.#graph.services;
    const lines = rng.int(1, MAX_ROUTINE_LINES);
    for (let k = 0; k < lines; k++) {
      const i = rng.int(0, services.length - 1);
      const s = services[i];
      if (!s) continue;
      this.#push(out, at, 'info', i, routineLine(s.tier, this.#context(i, -1, null), rng));
    }
  }

  #push(out: SimEvent[], at: string, level: LogLevel, i: number, message: string): void {
    const id = this.#graph.services[i]?.id ?? '';
    const hosts = this.#graph.hosts[i] ?? [];
    const host = hosts.length > 0 ? this.#rng.pick(hosts) : undefined;
    out.push({
      type: 'log',
      at,
      level,
      source: id,
      service: id,
      ...(host ? { host } : {}),
      message,
    });
  }

  #context(i: number, via: number, fault: ActiveFault | null): LineContext {
    const m = this.#metrics;
    const services = this.#graph.services;
    const version = this.#versions[i] ?? '1.0.0';
    return {
      service: services[i]?.id ?? '',
      upstream: services[via]?.id ?? 'a dependency',
      upstreamRegion: services[via]?.region ?? 'another region',
      region: services[i]?.region ?? '',
      latencyMs: m.latency[i] ?? 0,
      errorRate: m.errorRate[i] ?? 0,
      cpu: m.cpu[i] ?? 0,
      memory: m.memory[i] ?? 0,
      disk: m.disk[i] ?? 0,
      throughputRps: m.throughput[i] ?? 0,
      connections: m.connections[i] ?? 0,
      queueDepth: m.queueDepth[i] ?? 0,
      version:
        fault?.fault.scenario === 'bad_deploy' && fault.reached[0]?.service === i
          ? bumpPatch(version)
          : version,
    };
  }
}
