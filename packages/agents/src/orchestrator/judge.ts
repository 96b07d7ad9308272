import type { ResidualRisk } from '@watchfloor/domain';

/** What could be observed of an incident at one instant. */
export interface ObservationSnapshot {
  at: string;
  /** Alerts firing on the incident's services. */
  firingAlerts: number;
  /** The suspected root's metrics, by name (`error_rate`, `memory`, ...). */
  metrics: Readonly<Record<string, number>>;
}

export interface MetricBound {
  max?: number;
  min?: number;
}

export interface JudgeOptions {
  /** How long after the action it may take to mitigate, virtual ms. */
  windowMs: number;
  /** How long alerts must stay clear and metrics in bounds before it counts. */
  holdMs: number;
  /** Healthy bounds per metric; metrics without one are not judged. */
  bounds: Readonly<Record<string, MetricBound>>;
  /** Relative growth of the excess over bounds that counts as worse. */
  worsenFactor: number;
}

/** Bounds matching the usual warning thresholds of the alert rules. */
export const DEFAULT_BOUNDS: Readonly<Record<string, MetricBound>> = {
  error_rate: { max: 0.05 },
  cpu: { max: 0.85 },
  memory: { max: 0.88 },
  disk: { max: 0.8 },
};

export const DEFAULT_JUDGE: JudgeOptions = {
  windowMs: 10 * 60_000,
  holdMs: 60_000,
  bounds: DEFAULT_BOUNDS,
  worsenFactor: 0.2,
};

export type Verdict =
  | { outcome: 'pending' }
  | {
      outcome: 'mitigated';
      mitigatedAt: string;
      /** From the action to mitigation, virtual ms. */
      sinceActionMs: number;
      residualRisk: ResidualRisk;
    }
  | { outcome: 'not_mitigated' | 'worsened'; residualRisk: ResidualRisk };

export interface JudgeInput {
  actionAt: string;
  /** The last observation before (or at) the action. */
  before: ObservationSnapshot;
  /** Observations since, in any order. */
  after: readonly ObservationSnapshot[];
  now: string;
  /** Extra or overriding bounds for this incident, e.g. a service's latency objective. */
  bounds?: Readonly<Record<string, MetricBound>>;
}

/**
 * Decides from observations alone whether an action worked: mitigated when the incident's
 * alerts are clear and the root's metrics are back within bounds within `windowMs` of the
 * action, and stay so for `holdMs`. A clear spell that starts later is the fault running its
 * course, not the action's doing. Once no clear spell can count any more, worsened when more
 * alerts fire or metrics are further out of bounds than before, otherwise not mitigated.
 */
export class OutcomeJudge {
  readonly #options: JudgeOptions;

  constructor(options: Partial<JudgeOptions> = {}) {
    this.#options = { ...DEFAULT_JUDGE, ...options };
  }

  get options(): Readonly<JudgeOptions> {
    return this.#options;
  }

  judge(input: JudgeInput): Verdict {
    const { windowMs, holdMs, worsenFactor } = this.#options;
    const bounds = { ...this.#options.bounds, ...input.bounds };
    const start = Date.parse(input.actionAt);
    const end = start + windowMs;
    const horizon = end + holdMs;
    const now = Math.min(Date.parse(input.now), horizon);
    const seen = input.after
      .map((s) => ({ s, t: Date.parse(s.at) }))
      .filter(({ t }) => t > start && t <= horizon)
      .sort((a, b) => a.t - b.t);

    // The clear run that lasts to the latest observation; an earlier one that relapsed
    // did not mitigate anything.
    let runStart = seen.length;
    while (runStart > 0 && isClear(seen[runStart - 1]?.s, bounds)) runStart--;
    const first = seen[runStart];
    const last = seen[seen.length - 1];
    const inTime = first !== undefined && first.t <= end;
    if (first && inTime && now - first.t >= holdMs) {
      return {
        outcome: 'mitigated',
        mitigatedAt: first.s.at,
        sinceActionMs: first.t - start,
        residualRisk: last && excess(last.s, bounds, 0.9) > 0 ? 'low' : 'none',
      };
    }
    // Still possible: a clear spell under way in time, or time left for one to start.
    if (now < horizon && (inTime || now < end)) return { outcome: 'pending' };
    const final = last?.s ?? input.before;
    const before = excess(input.before, bounds, 1);
    const worse =
      final.firingAlerts > input.before.firingAlerts ||
      excess(final, bounds, 1) > before * (1 + worsenFactor) + 0.05;
    return worse
      ? { outcome: 'worsened', residualRisk: 'high' }
      : { outcome: 'not_mitigated', residualRisk: 'medium' };
  }
}

/** How far metrics are outside their bounds (scaled by `margin`), as a sum of relative excesses. */
function excess(
  snapshot: ObservationSnapshot,
  bounds: Readonly<Record<string, MetricBound>>,
  margin: number,
): number {
  let total = 0;
  for (const [name, bound] of Object.entries(bounds)) {
    const value = snapshot.metrics[name];
    if (value === undefined) continue;
    if (bound.max !== undefined && bound.max > 0) {
      total += Math.max(0, value / (bound.max * margin) - 1);
    }
    if (bound.min !== undefined && bound.min > 0) {
      total += Math.max(0, 1 - value / (bound.min * (2 - margin)));
    }
  }
  return total;
}

const isClear = (
  snapshot: ObservationSnapshot | undefined,
  bounds: Readonly<Record<string, MetricBound>>,
): boolean =>
  snapshot !== undefined && snapshot.firingAlerts === 0 && excess(snapshot, bounds, 1) === 0;
