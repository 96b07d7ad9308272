import type { AlertNode } from './alert-node.ts';
import type { DependencyIndex } from './dependency-index.ts';
import type { Tuning } from './options.ts';
import type { SymptomKind } from './symptoms.ts';

/** Why two alerts belong together, in the order the checks run. */
export type LinkKind = 'repeat' | 'same-instance' | 'same-service' | 'cascade' | 'sibling';

export interface Link {
  kind: LinkKind;
  /** 0..1; the correlator joins alerts at or above its threshold. */
  weight: number;
  /** For a cascade, the id of the alert on the callee side (the likelier cause). */
  cause: string | null;
}

const NONE: Link = { kind: 'cascade', weight: 0, cause: null };

/**
 * The weight of a link that only holds for want of a better one: a re-fire long after its
 * last episode, or a symptom on a service that has been alerting for a while. It clears the
 * default threshold, but any specific link (a flap, symptoms starting together, a cascade)
 * outweighs it, since a caller that alerts again is more likely hit by something new.
 */
export const FALLBACK_WEIGHT = 0.76;

/** How much an alert on a caller can be blamed on its callee, by the caller's symptom. */
const CALLER_FIT: Readonly<Record<SymptomKind, number>> = {
  propagated: 1,
  other: 0.6,
  // A caller's own resource or release trouble is not its callee's doing.
  origin: 0,
  local: 0,
};

/** A callee's own resource or release trouble explains a caller better than a relayed symptom. */
const CALLEE_FIT: Readonly<Record<SymptomKind, number>> = {
  origin: 1,
  propagated: 1,
  other: 0.6,
  local: 0,
};

/** Whether `earlier` still fired (or had just stopped) when `later` started. */
const stillFiring = (earlier: AlertNode, later: AlertNode): boolean =>
  earlier.endedAt === null || earlier.endedAt >= later.onset;

const ordered = (a: AlertNode, b: AlertNode): [AlertNode, AlertNode] =>
  a.onset < b.onset || (a.onset === b.onset && a.seq <= b.seq) ? [a, b] : [b, a];

/**
 * How strongly two alerts look like one problem: repeats of a fingerprint, symptoms on one
 * service, or a cascade from a callee to the callers that depend on it (within a few hops,
 * the caller alerting after the callee). Symmetric in its arguments.
 */
export function linkBetween(a: AlertNode, b: AlertNode, deps: DependencyIndex, t: Tuning): Link {
  const [earlier, later] = ordered(a, b);
  const lag = later.onset - earlier.onset;
  if (a.fingerprint === b.fingerprint) {
    const quiet = earlier.endedAt === null ? 0 : later.onset - earlier.endedAt;
    // A re-fire blaming another dependency is a new problem, not a flap.
    const same = quiet <= t.flapWindowMs && a.upstream === b.upstream;
    const weight = !same ? 0 : quiet <= t.sameServiceMs ? 0.95 : FALLBACK_WEIGHT;
    return { kind: 'repeat', weight, cause: null };
  }
  if (a.kind === 'local' || b.kind === 'local') {
    // Instance-level noise only pairs with the same check on the same instance.
    const same = a.host === b.host && a.alertname === b.alertname && lag <= t.sameServiceMs;
    return { kind: 'same-instance', weight: same ? 0.9 : 0, cause: null };
  }
  if (a.service === b.service) return sameService(earlier, later, lag, t);
  const down = deps.hops(a.service, b.service);
  const up = down === null ? deps.hops(b.service, a.service) : null;
  if (down !== null) return cascade(a, b, down, deps, t);
  if (up !== null) return cascade(b, a, up, deps, t);
  if (a.upstream !== null && a.upstream === b.upstream && lag <= t.cascadeMs) {
    // Two callers naming the same failing dependency, which itself may stay silent.
    const weight = a.kind === 'propagated' && b.kind === 'propagated' ? 0.8 : 0;
    return { kind: 'sibling', weight, cause: null };
  }
  return NONE;
}

/**
 * Symptoms on one service belong together when they start close together (the sooner, the
 * surer), or, as a fallback only, while the earlier still fires, unless the later one points
 * elsewhere: its own resource or release trouble (an origin symptom), or a different failing
 * dependency.
 */
function sameService(earlier: AlertNode, later: AlertNode, lag: number, t: Tuning): Link {
  const conflicting =
    earlier.upstream !== null && later.upstream !== null && earlier.upstream !== later.upstream;
  if (conflicting) return { kind: 'same-service', weight: 0, cause: null };
  if (lag <= t.sameServiceMs) {
    return { kind: 'same-service', weight: sameServiceWeight(lag, t), cause: null };
  }
  const newTrouble = later.kind === 'origin' || later.upstream !== null;
  const ongoing = stillFiring(earlier, later) && !newTrouble;
  return { kind: 'same-service', weight: ongoing ? FALLBACK_WEIGHT : 0, cause: null };
}

/** Callers name the dependency they time out on; a cascade must come through it. */
function throughNamedUpstream(
  caller: AlertNode,
  callee: AlertNode,
  deps: DependencyIndex,
): boolean {
  const named = caller.upstream;
  return named === null || named === callee.service || deps.hops(named, callee.service) !== null;
}

function cascade(
  caller: AlertNode,
  callee: AlertNode,
  hops: number,
  deps: DependencyIndex,
  t: Tuning,
): Link {
  const lag = caller.onset - callee.onset;
  if (lag < -t.leadMs) return NONE;
  const named = caller.upstream !== null;
  const path = throughNamedUpstream(caller, callee, deps) ? 1 : 0.4;
  // Each hop takes 20-90 s to spread and a rule's `for` to fire, so a caller alerts up to
  // about a minute per hop after its callee; later it is more likely hit by something else.
  const due = t.hopMs * (hops + 1);
  const timing =
    lag <= due
      ? 1
      : lag <= t.cascadeMs
        ? Math.max(0, 1 - (lag - due) / (5 * t.hopMs))
        : stillFiring(callee, caller)
          ? 0.7
          : 0;
  return {
    kind: 'cascade',
    weight:
      CALLER_FIT[caller.kind] * CALLEE_FIT[callee.kind] * cascadeBase(hops, named) * timing * path,
    cause: callee.id,
  };
}

/**
 * The most a cascade over `hops` can weigh when only one end is known: the known alert's
 * symptom and, for a caller, whether it names its failing dependency; the other end, the
 * timing and the path are taken at their best.
 */
export function cascadeCeiling(hops: number, known: AlertNode, end: 'caller' | 'callee'): number {
  return end === 'caller'
    ? CALLER_FIT[known.kind] * cascadeBase(hops, known.upstream !== null)
    : CALLEE_FIT[known.kind] * cascadeBase(hops, true);
}

/**
 * How surely a caller's symptom is its callee's doing, by distance: a caller naming the
 * failing dependency it calls through is surer than one that just got slower, and every hop
 * lets more unrelated trouble in (three unnamed hops alone do not reach the threshold).
 */
function cascadeBase(hops: number, named: boolean): number {
  const base = hops <= 1 ? 0.98 : hops === 2 ? 0.9 : 0.8;
  return named ? base : base - 0.02 * hops;
}

/**
 * Symptoms on one service belong together the more surely the closer they start: hosts and
 * rules fire within a minute of each other when trouble reaches a service, while one that
 * starts minutes later is as likely a new problem reaching it.
 */
export function sameServiceWeight(lag: number, t: Tuning): number {
  const x = Math.max(0, lag);
  if (x <= t.hopMs / 2) return 0.99;
  if (x <= t.hopMs) return 0.97;
  if (x <= t.sameServiceMs) return 0.93;
  return 0;
}
