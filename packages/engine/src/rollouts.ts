import {
  abortPlan,
  advance,
  approvePlan,
  type CommandResult,
  createPatchPlan,
  haltPlan,
  resumePlan,
  TERMINAL,
} from '@watchfloor/agents';
import { type PatchPlan, parseIdNumber } from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import type { Simulator } from '@watchfloor/sim';
import type { AgentDesk } from './agent-desk.ts';
import type { AutopilotContext } from './autopilot.ts';
import type { BatchBuilder } from './batch.ts';
import { EngineError } from './errors.ts';
import { type PlanSummary, PlanWindow } from './plan-window.ts';
import { newestFirstKey } from './task-runner.ts';

export const PATCHES_NS = 'patches';
/** Plans listed (summarised in memory; whole ones past ENDED_IN_FULL come from the store). */
const KEEP_PLANS = 300;
/** Ended plans held whole: the ones an operator is likely still looking at. */
export const ENDED_IN_FULL = 20;
const REPLAN_COOLDOWN_MS = 30 * 60_000;

type RolloutContext = Pick<
  AutopilotContext,
  'sim' | 'ids' | 'desk' | 'agents' | 'now' | 'guarded' | 'log' | 'audit'
>;

/**
 * PatchOps at work: plans patches (from the simulator's releases or an operator), advances
 * each rollout one step per tick, and runs every deploy or rollback through the guard, so a
 * halted rollout takes no further step and an engaged kill switch stops the next one.
 */
export class Rollouts {
  readonly plans = new PlanWindow(KEEP_PLANS, ENDED_IN_FULL);

  constructor(
    private readonly ctx: RolloutContext,
    private readonly enabled: boolean,
  ) {}

  async restore(repo: Repository): Promise<void> {
    const page = await repo.listKnowledge(PATCHES_NS, { limit: KEEP_PLANS });
    for (const item of [...page.items].reverse()) {
      const plan = item.value as PatchPlan;
      this.plans.set(plan.id, plan);
    }
    const newest = page.items[0]?.value as PatchPlan | undefined;
    this.ctx.ids.atLeast('plan', newest ? (parseIdNumber(newest.id) ?? 0) : 0);
  }

  /** Plans held whole, newest first: every live one and the most recently ended. */
  list(): PatchPlan[] {
    return [...this.plans.values()].reverse();
  }

  /** The last KEEP_PLANS plans, newest first. */
  summaries(): PlanSummary[] {
    return this.plans.summaries();
  }

  /** The plan if memory holds it whole (every live plan is held). */
  held(id: string): PatchPlan | undefined {
    return this.plans.get(id);
  }

  /** The plan from memory, or from the store once it ended and left memory; null if neither. */
  async find(repo: Repository, id: string): Promise<PatchPlan | null> {
    const held = this.plans.get(id);
    if (held) return held;
    if (parseIdNumber(id) === null) return null;
    const stored = (await repo.getKnowledge(PATCHES_NS, newestFirstKey(id))) as PatchPlan | null;
    // The key is the id's number alone: check the kind too (TASK-000001 is not PLAN-000001).
    return stored?.id === id ? stored : null;
  }

  /** A new plan to move `service` to `version` (operator or PatchOps). */
  plan(service: string, version: string, actor: string, batch: BatchBuilder): PatchPlan {
    const sim = this.ctx.sim();
    const target = sim.topology.services.find((s) => s.id === service || s.name === service);
    if (!target)
      throw new EngineError('invalid', `service "${service}" is not in the topology`, 'service');
    const fromVersion = currentVersion(sim, target.id);
    if (fromVersion === version) {
      throw new EngineError('invalid', `${target.id} already runs ${version}`, 'version');
    }
    const recentFailures = this.summaries().filter(
      (p) => p.service === target.id && (p.state === 'rolled_back' || p.state === 'failed'),
    ).length;
    const id = this.ctx.ids.next('plan');
    const plan = createPatchPlan({
      id,
      service: target.id,
      fromVersion,
      toVersion: version,
      topology: sim.topology,
      recentFailures,
      createdBy: actor,
      now: this.ctx.now(),
      seed: (parseIdNumber(id) ?? 0) + 1,
    });
    this.#save(plan, batch);
    this.ctx.log(
      'info',
      'patchops',
      `${plan.id} planned ${target.id} ${fromVersion} -> ${version} (risk ${plan.risk.score.toFixed(2)}${plan.approvalRequired ? ', needs approval' : ''})`,
      batch,
    );
    return plan;
  }

  /** One step for every live rollout, and a plan for any new release PatchOps may take on. */
  tick(batch: BatchBuilder, killSwitchEngaged: boolean): void {
    if (!this.enabled) return;
    const sim = this.ctx.sim();
    const config = this.ctx.agents().configs.current('patchops');
    if (!killSwitchEngaged && config.enabled && config.automationLevel !== 'MANUAL')
      this.#planReleases(batch);
    const openIncidents = [...this.ctx.desk.active.values()].map((i) => ({
      id: i.id,
      services: i.services,
    }));
    for (const plan of this.plans.values()) {
      if (TERMINAL.has(plan.state) || plan.state === 'halted') continue;
      const needsOperator =
        plan.approvalRequired || config.approvalRequired || config.automationLevel !== 'AUTO';
      if (plan.state === 'planned' && needsOperator && plan.approvedBy === null) continue;
      const { plan: next, step } = advance(
        plan,
        {
          killSwitchEngaged,
          hosts: sim.hostMetrics(plan.service),
          openIncidents,
          topology: sim.topology,
        },
        this.ctx.now(),
      );
      if (step) {
        this.ctx.guarded(
          {
            kind: `patch.${step.kind}`,
            target: `${step.planId} ${step.service}`,
            actor: 'patchops',
          },
          batch,
          () => sim.deploy(step.service, step.hosts, step.version),
        );
      }
      if (next !== plan) this.#save(next, batch, plan);
    }
  }

  /**
   * Plans the oldest release of a service with no live plan, and not one whose last plan
   * ended in the last half hour (a pre-flight refusal would otherwise re-plan every tick).
   */
  #planReleases(batch: BatchBuilder): void {
    const now = Date.parse(this.ctx.now());
    const busy = new Set<string>();
    for (const plan of this.plans.summaries()) {
      const recent = now - Date.parse(plan.updatedAt) < REPLAN_COOLDOWN_MS;
      if (!TERMINAL.has(plan.state) || recent) busy.add(plan.service);
    }
    const release = this.ctx
      .sim()
      .availablePatches()
      .find((r) => !busy.has(r.service));
    if (release) this.plan(release.service, release.toVersion, 'patchops', batch);
  }

  /**
   * An operator's command. `stored` is the plan as the store has it when memory no longer
   * holds it (it ended long ago), so the command is refused as it would have been.
   */
  command(
    id: string,
    name: 'approve' | 'resume' | 'abort',
    actor: string,
    reason: string | undefined,
    batch: BatchBuilder,
    stored?: PatchPlan,
  ): PatchPlan {
    const now = this.ctx.now();
    return this.#command(id, batch, stored, (plan) =>
      name === 'approve'
        ? approvePlan(plan, actor, now)
        : name === 'resume'
          ? resumePlan(plan, actor, now)
          : abortPlan(plan, actor, reason ?? 'aborted by operator', now),
    );
  }

  /** The kill switch engaged: every running rollout halts where it is. Returns how many. */
  haltAll(reason: string, batch: BatchBuilder): number {
    let halted = 0;
    for (const plan of this.plans.values()) {
      if (TERMINAL.has(plan.state) || plan.state === 'halted') continue;
      const result = haltPlan(plan, reason, this.ctx.now());
      if (result.ok) {
        this.#save(result.plan, batch, plan);
        halted++;
      }
    }
    return halted;
  }

  #command(
    id: string,
    batch: BatchBuilder,
    stored: PatchPlan | undefined,
    command: (plan: PatchPlan) => CommandResult,
  ): PatchPlan {
    const plan = this.plans.get(id) ?? stored;
    if (!plan) throw new EngineError('not_found', `Patch plan ${id} not found`, 'id');
    const result = command(plan);
    if (!result.ok) throw new EngineError('conflict', `${id} is ${plan.state}: ${result.reason}`);
    this.#save(result.plan, batch, plan);
    return result.plan;
  }

  #save(plan: PatchPlan, batch: BatchBuilder, before?: PatchPlan): void {
    this.plans.set(plan.id, plan);
    batch.knowledge.push({ namespace: PATCHES_NS, key: newestFirstKey(plan.id), value: plan });
    if (before && before.state !== plan.state) {
      const last = plan.transitions.at(-1);
      this.ctx.log(
        plan.state === 'rolled_back' || plan.state === 'failed' || plan.state === 'halted'
          ? 'warn'
          : 'info',
        'patchops',
        `${plan.id} ${plan.service} ${before.state} -> ${plan.state}${last ? `: ${last.reason}` : ''}`,
        batch,
      );
      const agents: AgentDesk = this.ctx.agents();
      if (plan.state === 'completed') agents.registry.recordRun('patchops', true, this.ctx.now());
      if (plan.state === 'rolled_back' || plan.state === 'failed')
        agents.registry.recordRun('patchops', false, this.ctx.now());
    }
  }
}

/** The version most of a service's hosts run. */
function currentVersion(sim: Simulator, service: string): string {
  const counts = new Map<string, number>();
  for (const host of sim.topology.hosts) {
    if (host.serviceId === service) counts.set(host.version, (counts.get(host.version) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '0.0.0';
}
