import type { MetricSample } from '@watchfloor/domain';
import type { Effects } from './effects.ts';
import type { EstateGraph } from './graph.ts';
import { REGIONS } from './names.ts';
import type { Rng } from './prng.ts';
import type { ServiceProfile } from './profile.ts';
import { trafficLoad, weekPhase } from './seasonality.ts';
import { TICK_SECONDS } from './types.ts';

const clamp01 = (x: number): number => Math.min(1, Math.max(0, x));
const round = (x: number, scale: number): number => Math.round(x * scale) / scale;

/**
 * Draws every service's metrics each tick: healthy seasonality, trend and noise, then what
 * faults do. Keeps the latest values (and a few gauges the samples do not carry) for alert
 * rules and log lines.
 */
export class MetricsModel {
  readonly latency: Float64Array;
  readonly errorRate: Float64Array;
  readonly cpu: Float64Array;
  readonly memory: Float64Array;
  readonly disk: Float64Array;
  readonly throughput: Float64Array;
  /** Share of the connection pool in use (datastores). */
  readonly connections: Float64Array;
  /** Messages waiting (queues). */
  readonly queueDepth: Float64Array;
  readonly #utcOffsets: number[];
  readonly #loads: Float64Array;
  readonly #graph: EstateGraph;
  readonly #profiles: readonly ServiceProfile[];
  readonly #rng: Rng;
  readonly #startMs: number;

  constructor(graph: EstateGraph, profiles: readonly ServiceProfile[], rng: Rng, startMs: number) {
    this.#graph = graph;
    this.#profiles = profiles;
    this.#rng = rng;
    this.#startMs = startMs;
    const n = graph.services.length;
    this.latency = new Float64Array(n);
    this.errorRate = new Float64Array(n);
    this.cpu = new Float64Array(n);
    this.memory = new Float64Array(n);
    this.disk = new Float64Array(n);
    this.throughput = new Float64Array(n);
    this.connections = new Float64Array(n);
    this.queueDepth = new Float64Array(n);
    this.#utcOffsets = graph.topology.regions.map(
      (name) => REGIONS.find((r) => r.name === name)?.utcOffsetHours ?? 0,
    );
    this.#loads = new Float64Array(this.#utcOffsets.length);
  }

  /** Traffic of each region at `tick`, relative to a weekday peak. */
  loadAt(tick: number, region: number): number {
    const elapsed = tick * TICK_SECONDS;
    return trafficLoad(this.#startMs / 1000 + elapsed, this.#utcOffsets[region] ?? 0, elapsed);
  }

  sample(tick: number, fx: Effects, at: string): MetricSample[] {
    const elapsed = tick * TICK_SECONDS;
    for (let r = 0; r < this.#loads.length; r++) this.#loads[r] = this.loadAt(tick, r);
    const { services, regionIndex } = this.#graph;
    const rng = this.#rng;
    const samples: MetricSample[] = new Array(services.length);
    for (let i = 0; i < services.length; i++) {
      const p = this.#profiles[i];
      const service = services[i];
      if (!p || !service) continue;
      const load = this.#loads[regionIndex[i] ?? 0] ?? 1;
      // Always the same draws per service, so faults never shift anyone else's noise.
      let throughput = p.rps * load * (1 + rng.normal(0, 0.03));
      let cpu = p.cpu * (0.35 + 0.65 * load) + rng.normal(0, 0.012);
      let latency = p.latencyMs * (0.85 + 0.2 * load) * (1 + rng.normal(0, 0.05));
      let errorRate = p.errorRate * (0.7 + 0.5 * load) * (1 + Math.abs(rng.normal(0, 0.3)));
      let memory = p.memory + 0.04 * load + rng.normal(0, 0.008);
      let disk = p.disk + p.diskGrowth * weekPhase(elapsed, p.diskPhase) + rng.normal(0, 0.001);
      // Pool and backlog gauges exist only for datastores and queues (fixed per service).
      let connections =
        p.dbConnections > 0 ? p.dbConnections * load * (1 + rng.normal(0, 0.03)) : 0;
      let queueDepth = p.queueDepth > 0 ? p.queueDepth * load * (1 + rng.normal(0, 0.1)) : 0;
      if (fx.isTouched(i)) {
        latency *= fx.latencyMul[i] ?? 1;
        throughput *= fx.throughputMul[i] ?? 1;
        errorRate += fx.errorAdd[i] ?? 0;
        cpu += (0.98 - cpu) * (fx.cpuFill[i] ?? 0) + (fx.cpuAdd[i] ?? 0);
        memory += (0.985 - memory) * (fx.memoryFill[i] ?? 0);
        disk += (0.99 - disk) * (fx.diskFill[i] ?? 0);
        connections += (1 - connections) * (fx.connectionFill[i] ?? 0);
        queueDepth += fx.queueAdd[i] ?? 0;
      }
      const values = {
        latency_p95_ms: round(Math.max(0.1, latency), 10),
        error_rate: round(clamp01(errorRate), 1e5),
        cpu: round(clamp01(cpu), 1e4),
        memory: round(clamp01(memory), 1e4),
        throughput_rps: round(Math.max(0, throughput), 10),
        disk: round(clamp01(disk), 1e4),
      };
      this.latency[i] = values.latency_p95_ms;
      this.errorRate[i] = values.error_rate;
      this.cpu[i] = values.cpu;
      this.memory[i] = values.memory;
      this.disk[i] = values.disk;
      this.throughput[i] = values.throughput_rps;
      this.connections[i] = clamp01(connections);
      this.queueDepth[i] = Math.max(0, Math.round(queueDepth));
      samples[i] = { at, service: service.id, values };
    }
    return samples;
  }
}
