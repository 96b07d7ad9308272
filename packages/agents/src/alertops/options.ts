import type { Topology } from '@watchfloor/domain';

export interface CorrelatorOptions {
  topology: Topology;
  /** Link weight (0..1) at or above which two alerts belong to one incident; default 0.75. */
  threshold?: number;
  /** Alerts whose onsets are further apart than this are never compared; default 15 min. */
  windowMs?: number;
  /** A caller may alert this much before its callee and still be its victim (rule `for`, host jitter); default 60 s. */
  leadMs?: number;
  /** A caller alerting within this after its callee is taken as a cascade; default 5 min. */
  cascadeMs?: number;
  /**
   * Alerts on one service starting within this of the incident's first alert there belong
   * together (the sooner, the surer), and a re-fire this soon after its last episode is a
   * flap; later ones are only a fallback link; default 2 min.
   */
  sameServiceMs?: number;
  /**
   * Time one hop of a cascade takes to show: a caller alerting within this per hop (plus
   * one) after its callee is a full-weight cascade, later ones weigh less; default 60 s.
   */
  hopMs?: number;
  /** Dependency hops a cascade is followed; default 3 (the simulator's spread limit too). */
  maxHops?: number;
  /** A re-fire of a fingerprint within this of its last episode ending may rejoin it, as a fallback; default 15 min. */
  flapWindowMs?: number;
  /**
   * An incident only takes alerts starting within this of its first alert (one fault's
   * cascade plays out within minutes); later trouble opens a new incident; default 5 min.
   */
  spanMs?: number;
}

export type Tuning = Required<Omit<CorrelatorOptions, 'topology'>>;

export const DEFAULT_TUNING: Readonly<Tuning> = {
  threshold: 0.75,
  windowMs: 15 * 60_000,
  leadMs: 60_000,
  cascadeMs: 5 * 60_000,
  hopMs: 60_000,
  sameServiceMs: 2 * 60_000,
  maxHops: 3,
  flapWindowMs: 15 * 60_000,
  spanMs: 5 * 60_000,
};

export const tuningOf = (options: CorrelatorOptions): Tuning => ({
  threshold: options.threshold ?? DEFAULT_TUNING.threshold,
  windowMs: options.windowMs ?? DEFAULT_TUNING.windowMs,
  leadMs: options.leadMs ?? DEFAULT_TUNING.leadMs,
  cascadeMs: options.cascadeMs ?? DEFAULT_TUNING.cascadeMs,
  hopMs: options.hopMs ?? DEFAULT_TUNING.hopMs,
  sameServiceMs: options.sameServiceMs ?? DEFAULT_TUNING.sameServiceMs,
  maxHops: options.maxHops ?? DEFAULT_TUNING.maxHops,
  flapWindowMs: options.flapWindowMs ?? DEFAULT_TUNING.flapWindowMs,
  spanMs: options.spanMs ?? DEFAULT_TUNING.spanMs,
});
