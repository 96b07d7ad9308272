import type { PatchPlan, PatchWave } from '@watchfloor/domain';
import { baselineOf, measure, trailingFailures, trailingPasses } from './analysis.ts';
import type { RolloutObservation, RolloutStep } from './observation.ts';
import { type RolloutOptions, rolloutOptions } from './options.ts';
import { preflightChecks } from './preflight.ts';
import { copyPlan, moveTo, TERMINAL } from './transitions.ts';

export interface AdvanceResult {
  plan: PatchPlan;
  /** The one side effect to run now, through the kill-switch guard; absent when none is due. */
  step?: RolloutStep;
}

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Moves a rollout on by at most one step: one state transition and/or one deploy or
 * rollback for the engine to run through the guard. The engine learns whether a step took
 * effect from the next observation, so a blocked or lost step is simply issued again.
 * A halted or finished plan comes back unchanged and without a step, whatever is observed;
 * an engaged kill switch halts any running plan before it can take one.
 * @example
 * const { plan: next, step } = advance(plan, observe(), sim.now.toISOString());
 * if (step) await guard(killSwitch, now, { kind: `patch.${step.kind}`, ... }, () => sim.deploy(...));
 */
export function advance(
  plan: PatchPlan,
  obs: RolloutObservation,
  now: string,
  overrides?: Partial<RolloutOptions>,
): AdvanceResult {
  if (TERMINAL.has(plan.state) || plan.state === 'halted') return { plan };
  if (plan.state === 'planned' && plan.approvalRequired && plan.approvedBy === null) {
    return obs.killSwitchEngaged ? halted(plan, now) : { plan };
  }
  if (obs.killSwitchEngaged) return halted(plan, now);
  const options = rolloutOptions(overrides);
  const p = copyPlan(plan);
  if (p.rollback) return rollBack(p, obs, now, options);
  switch (p.state) {
    case 'planned':
      moveTo(
        p,
        'preflight',
        now,
        p.approvedBy !== null
          ? `approved by ${p.approvedBy}`
          : `risk ${p.risk.score} below the approval threshold`,
      );
      return { plan: p };
    case 'preflight':
      return preflight(p, obs, now, options);
    default:
      return progress(p, obs, now, options);
  }
}

function halted(plan: PatchPlan, now: string): AdvanceResult {
  const p = copyPlan(plan);
  p.haltedFrom = p.state;
  moveTo(p, 'halted', now, 'kill switch engaged');
  return { plan: p };
}

function preflight(
  p: PatchPlan,
  obs: RolloutObservation,
  now: string,
  options: RolloutOptions,
): AdvanceResult {
  p.preflight = preflightChecks(p, obs, options);
  const failed = p.preflight.filter((c) => !c.ok);
  if (failed.length > 0) {
    moveTo(p, 'failed', now, `pre-flight failed: ${failed.map((c) => c.reason).join('; ')}`);
    return { plan: p };
  }
  p.hostVersions = Object.fromEntries(obs.hosts.map((h) => [h.host, h.version]));
  const { errorRate, latencyP95 } = baselineOf(obs.hosts, 'preflight');
  p.baseline = { errorRate, latencyP95 };
  const canary = p.waves[0];
  if (!canary) {
    moveTo(p, 'failed', now, 'no hosts to roll out to');
    return { plan: p };
  }
  const step = startWave(p, canary, 0, now, 'canary');
  moveTo(
    p,
    'canary',
    now,
    `pre-flight passed; deploying ${p.toVersion} to ${step.hosts.join(', ')}`,
  );
  return { plan: p, step };
}

function startWave(
  p: PatchPlan,
  wave: PatchWave,
  index: number,
  now: string,
  label: string,
): RolloutStep {
  wave.state = 'deploying';
  wave.startedAt = now;
  wave.attempts = 1;
  p.updatedAt = now;
  return deployStep(p, wave.hosts, index, `${label}: ${plural(wave.hosts.length, 'host')}`);
}

const deployStep = (p: PatchPlan, hosts: string[], wave: number, reason: string): RolloutStep => ({
  kind: 'deploy',
  planId: p.id,
  service: p.service,
  hosts,
  version: p.toVersion,
  wave,
  reason,
});

/** Canary, verification and later waves: deploy, watch it land, then measure. */
function progress(
  p: PatchPlan,
  obs: RolloutObservation,
  now: string,
  options: RolloutOptions,
): AdvanceResult {
  const k = p.waves.findIndex((w) => w.state !== 'passed');
  const wave = p.waves[k];
  if (!wave) {
    moveTo(p, 'completed', now, `every wave passed; all hosts run ${p.toVersion}`);
    return { plan: p };
  }
  const version = new Map(obs.hosts.map((h) => [h.host, h.version]));
  if (wave.state === 'pending') {
    return { plan: p, step: startWave(p, wave, k, now, `wave ${k + 1} (${wave.percent}%)`) };
  }
  if (wave.state === 'deploying') {
    const lagging = wave.hosts.filter((h) => version.get(h) !== p.toVersion);
    if (lagging.length === 0) {
      wave.state = 'verifying';
      p.updatedAt = now;
      if (p.state === 'canary') {
        moveTo(p, 'verifying', now, `canary ${wave.hosts.join(', ')} runs ${p.toVersion}`);
      }
      return { plan: p };
    }
    if (wave.attempts < options.maxAttempts) {
      wave.attempts++;
      p.updatedAt = now;
      const reason = `${plural(lagging.length, 'host')} not yet on ${p.toVersion}, attempt ${wave.attempts}`;
      return { plan: p, step: deployStep(p, lagging, k, reason) };
    }
    requestRollback(p, now, `deploy of ${p.toVersion} did not take on ${lagging.join(', ')}`);
    return rollBack(p, obs, now, options);
  }
  return verify(p, k, wave, obs, now, options);
}

function verify(
  p: PatchPlan,
  k: number,
  wave: PatchWave,
  obs: RolloutObservation,
  now: string,
  options: RolloutOptions,
): AdvanceResult {
  const touched = new Set(p.waves.slice(0, k + 1).flatMap((w) => w.hosts));
  const fresh = obs.hosts.filter((h) => touched.has(h.host));
  const seen = new Set(obs.hosts.map((h) => h.host));
  const missing = [...touched].filter((h) => !seen.has(h));
  const stable = obs.hosts.filter(
    (h) => !touched.has(h.host) && h.version === (p.hostVersions[h.host] ?? p.fromVersion),
  );
  const baseline =
    stable.length > 0
      ? baselineOf(stable, 'stable')
      : {
          errorRate: p.baseline?.errorRate ?? 0,
          latencyP95: p.baseline?.latencyP95 ?? 0,
          from: 'preflight' as const,
        };
  const m = measure(fresh, missing, baseline, options, now);
  wave.measurements.push(m);
  if (k === 0) p.canary.measurements.push(m);
  p.updatedAt = now;
  const failures = trailingFailures(wave.measurements);
  if (failures >= p.canary.failureLimit) {
    wave.state = 'failed';
    wave.finishedAt = now;
    const which = k === 0 ? 'canary' : `wave ${k + 1} (${wave.percent}%)`;
    requestRollback(
      p,
      now,
      `${which} analysis failed ${failures} times in a row; last at ${m.at}: ${m.reason}`,
    );
    return rollBack(p, obs, now, options);
  }
  const required = k === 0 ? options.canaryMeasurements : options.waveMeasurements;
  if (trailingPasses(wave.measurements) < required) return { plan: p };
  wave.state = 'passed';
  wave.finishedAt = now;
  const next = p.waves[k + 1];
  if (!next) {
    moveTo(
      p,
      'completed',
      now,
      `all ${plural(touched.size, 'host')} run ${p.toVersion}; every wave passed analysis`,
    );
    return { plan: p };
  }
  const step = startWave(p, next, k + 1, now, `wave ${k + 2} (${next.percent}%)`);
  if (p.state !== 'rolling_out') {
    moveTo(p, 'rolling_out', now, `canary passed ${required} measurements: ${m.reason}`);
  }
  return { plan: p, step };
}

export function requestRollback(p: PatchPlan, now: string, reason: string): void {
  p.rollback ??= { reason, requestedAt: now, attempts: 0 };
  p.updatedAt = now;
}

/** Returns touched hosts to their old version, one version group per step, then ends. */
function rollBack(
  p: PatchPlan,
  obs: RolloutObservation,
  now: string,
  options: RolloutOptions,
): AdvanceResult {
  const rollback = p.rollback;
  if (!rollback) return { plan: p };
  const started = p.waves.filter((w) => w.state !== 'pending');
  const hosts = started.flatMap((w) => w.hosts);
  const original = (h: string): string => p.hostVersions[h] ?? p.fromVersion;
  const version = new Map(obs.hosts.map((h) => [h.host, h.version]));
  const off = hosts.filter((h) => {
    const v = version.get(h);
    return v !== undefined && v !== original(h);
  });
  if (off.length === 0) {
    for (const w of started) if (w.state !== 'failed') w.state = 'rolled_back';
    const back =
      hosts.length > 0 ? `; ${plural(hosts.length, 'host')} back on ${p.fromVersion}` : '';
    moveTo(p, 'rolled_back', now, `${rollback.reason}${back}`);
    return { plan: p };
  }
  const groups = new Set(off.map(original)).size;
  if (rollback.attempts >= options.maxAttempts + groups - 1) {
    moveTo(p, 'failed', now, `${rollback.reason}; rollback did not take on ${off.join(', ')}`);
    return { plan: p };
  }
  rollback.attempts++;
  const target = original(off[0] ?? '');
  p.updatedAt = now;
  return {
    plan: p,
    step: {
      kind: 'rollback',
      planId: p.id,
      service: p.service,
      hosts: off.filter((h) => original(h) === target),
      version: target,
      wave: Math.max(0, started.length - 1),
      reason: rollback.reason,
    },
  };
}
