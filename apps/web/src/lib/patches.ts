import type { Host, PatchPlan, PatchState, PatchWave } from '@watchfloor/domain';

/** States a rollout does not leave. */
export const TERMINAL_STATES: ReadonlySet<PatchState> = new Set([
  'completed',
  'rolled_back',
  'failed',
]);

export const isTerminal = (plan: Pick<PatchPlan, 'state'>): boolean =>
  TERMINAL_STATES.has(plan.state);

/** The version most of a service's hosts run (what the server plans from), or null. */
export function majorityVersion(hosts: readonly Host[], service: string): string | null {
  const counts = new Map<string, number>();
  for (const h of hosts) {
    if (h.serviceId === service) counts.set(h.version, (counts.get(h.version) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/** `1.14.7` -> `1.14.8` (suffixes dropped); the form's placeholder and default. */
export function suggestNextVersion(version: string): string {
  const m = /^(\d+)\.(\d+)\.(\d+)/.exec(version);
  if (!m) return '1.0.1';
  return `${m[1]}.${m[2]}.${Number(m[3]) + 1}`;
}

export interface WaveSegment {
  /** Share of the hosts this wave adds, in percent of all hosts. */
  width: number;
  from: number;
  to: number;
  state: PatchWave['state'];
}

/** Waves as segments of one bar: each adds `percent − previous percent` of the hosts. */
export function waveSegments(waves: readonly PatchWave[]): WaveSegment[] {
  let previous = 0;
  return waves.map((w) => {
    const segment = {
      width: Math.max(0, w.percent - previous),
      from: previous,
      to: w.percent,
      state: w.state,
    };
    previous = Math.max(previous, w.percent);
    return segment;
  });
}

/** Share of hosts on the new version as far as the waves tell: passed or in-flight waves. */
export function deployedPercent(waves: readonly PatchWave[]): number {
  let done = 0;
  for (const w of waves) {
    if (w.state === 'passed' || w.state === 'verifying') done = Math.max(done, w.percent);
  }
  return done;
}

/** The newest transition's reason: why the plan is where it is. */
export const latestReason = (plan: PatchPlan): string | null =>
  plan.transitions.at(-1)?.reason ?? null;

/** Risk in words for its badge: low under 0.3, medium under the 0.5 approval line, high. */
export const riskLevel = (score: number): 'low' | 'medium' | 'high' =>
  score >= 0.5 ? 'high' : score >= 0.3 ? 'medium' : 'low';
