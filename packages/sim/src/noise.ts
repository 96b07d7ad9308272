import type { AlertSeverity } from '@watchfloor/domain';
import type { AlertBook } from './alert-book.ts';
import type { EstateGraph } from './graph.ts';
import type { Rng } from './prng.ts';
import type { SimEvent } from './types.ts';

interface NoiseKind {
  alertname: string;
  severity: AlertSeverity;
  summary: (service: string) => string;
  description: (service: string, rng: Rng) => string;
}

const FLAPPING: readonly NoiseKind[] = [
  {
    alertname: 'HighLatencyP95',
    severity: 'warning',
    summary: (s) => `High p95 latency on ${s}`,
    description: (_, rng) =>
      `p95 latency hovers around the objective (${rng.int(101, 112)}% of it).`,
  },
  {
    alertname: 'HighCPU',
    severity: 'warning',
    summary: (s) => `CPU saturated on ${s}`,
    description: (_, rng) =>
      `CPU at ${rng.int(85, 89)}.${rng.int(0, 9)}% for 30s (threshold 85.0%).`,
  },
  {
    alertname: 'HealthCheckFlapping',
    severity: 'warning',
    summary: (s) => `Health check flapping on ${s}`,
    description: (_, rng) =>
      `Load balancer health check failed ${rng.int(2, 4)} of the last 10 probes.`,
  },
];

const BLIPS: readonly NoiseKind[] = [
  ...FLAPPING,
  {
    alertname: 'HighErrorRate',
    severity: 'warning',
    summary: (s) => `High error rate on ${s}`,
    description: (_, rng) =>
      `${rng.int(5, 7)}.${rng.int(0, 9)}% of requests fail (threshold 5.0%).`,
  },
  {
    alertname: 'PodRestarted',
    severity: 'info',
    summary: (s) => `A ${s} instance restarted`,
    description: (_, rng) =>
      `Container restarted after a liveness probe timeout (exit code ${rng.pick([137, 143])}).`,
  },
  {
    alertname: 'NodeClockSkew',
    severity: 'info',
    summary: (s) => `Clock skew on a ${s} host`,
    description: (_, rng) => `NTP offset ${rng.int(51, 140)}ms (threshold 50ms).`,
  },
];

/** Share of noise episodes that flap; the rest are single blips. */
const FLAP_SHARE = 0.3;
const MEAN_FLAPS = 4; // cycles 3..5
const ALERTS_PER_EPISODE = FLAP_SHARE * MEAN_FLAPS + (1 - FLAP_SHARE);
const TICKS_PER_HOUR = 360;

interface NoiseEpisode {
  service: number;
  /** Noise is one instance misbehaving, so every flap of an episode is on the same host. */
  host: string;
  kind: NoiseKind;
  cause: 'flapping' | 'blip';
  cyclesLeft: number;
  firing: boolean;
  nextTick: number;
}

/**
 * Alerts with no fault behind them: flapping ones that fire and resolve a few times over
 * a few minutes, and one-off blips; about `perHour` alerts per virtual hour in all.
 */
export class NoiseMaker {
  readonly #episodes: NoiseEpisode[] = [];
  readonly #graph: EstateGraph;
  readonly #rng: Rng;
  readonly #book: AlertBook;
  readonly #episodesPerTick: number;

  constructor(graph: EstateGraph, rng: Rng, book: AlertBook, perHour: number) {
    this.#graph = graph;
    this.#rng = rng;
    this.#book = book;
    this.#episodesPerTick = Math.max(0, perHour) / TICKS_PER_HOUR / ALERTS_PER_EPISODE;
  }

  step(tick: number, at: string, out: SimEvent[]): void {
    const rng = this.#rng;
    const rate = this.#episodesPerTick;
    const starts = Math.floor(rate) + (rng.chance(rate - Math.floor(rate)) ? 1 : 0);
    for (let k = 0; k < starts; k++) {
      const flapping = rng.chance(FLAP_SHARE);
      const service = rng.int(0, this.#graph.services.length - 1);
      const hosts = this.#graph.hosts[service] ?? [];
      this.#episodes.push({
        service,
        host: hosts.length > 0 ? rng.pick(hosts) : '',
        kind: rng.pick(flapping ? FLAPPING : BLIPS),
        cause: flapping ? 'flapping' : 'blip',
        cyclesLeft: flapping ? rng.int(3, 5) : 1,
        firing: false,
        nextTick: tick,
      });
    }
    for (let k = 0; k < this.#episodes.length; ) {
      const e = this.#episodes[k];
      if (!e) break;
      if (e.nextTick <= tick) this.#advance(e, tick, at, out);
      if (e.cyclesLeft === 0) this.#episodes.splice(k, 1);
      else k++;
    }
  }

  #advance(e: NoiseEpisode, tick: number, at: string, out: SimEvent[]): void {
    const rng = this.#rng;
    const { alertname } = e.kind;
    if (e.firing) {
      const resolved = this.#book.resolve(e.host, alertname, at);
      if (resolved) out.push(resolved);
      e.firing = false;
      e.cyclesLeft--;
      e.nextTick = tick + rng.int(1, 4);
      return;
    }
    if (this.#book.isOpen(e.host, alertname)) {
      // A real alert holds this (alertname, host); skip a beat rather than double up.
      e.cyclesLeft--;
      e.nextTick = tick + rng.int(1, 4);
      return;
    }
    const id = this.#graph.services[e.service]?.id ?? '';
    out.push(
      this.#book.fire({
        service: e.service,
        host: e.host,
        alertname,
        severity: e.kind.severity,
        annotations: { summary: e.kind.summary(id), description: e.kind.description(id, rng) },
        cause: { noise: e.cause },
        at,
      }),
    );
    e.firing = true;
    e.nextTick = tick + (e.cause === 'blip' ? rng.int(1, 2) : rng.int(1, 3));
  }
}
