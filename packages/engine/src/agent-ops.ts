import { ConfigError } from '@watchfloor/agents';
import type { AgentConfigVersion, PatchPlan, Task, TaskInput } from '@watchfloor/domain';
import type { AgentDesk } from './agent-desk.ts';
import type { Autopilot } from './autopilot.ts';
import type { BatchBuilder } from './batch.ts';
import { type Actor, EngineError } from './errors.ts';
import type { Recorder } from './records.ts';
import type { Rollouts } from './rollouts.ts';
import type { TaskRunner } from './task-runner.ts';

export type PatchCommand = 'approve' | 'abort' | 'resume';

export interface AgentOpsContext {
  agents: () => AgentDesk;
  now: () => string;
  autopilot: Autopilot;
  tasks: TaskRunner;
  rollouts: Rollouts;
  records: Recorder;
  killSwitchEngaged: () => boolean;
}

/**
 * What operators ask of the agents: config changes, tasks, approvals, patch plans and their
 * commands; each audited.
 */
export class AgentOps {
  constructor(private readonly ctx: AgentOpsContext) {}

  /**
   * An update (`patch`) or a rollback (to `version`) of an agent's versioned config, saved with
   * the agents' state and audited with the version and config before and after.
   */
  changeConfig(
    id: string,
    change: { patch: unknown } | { version: number },
    reason: string | undefined,
    who: Actor,
    batch: BatchBuilder,
  ): AgentConfigVersion {
    const agents = this.ctx.agents();
    if (!agents.isAgent(id)) throw new EngineError('not_found', `Agent ${id} not found`, 'id');
    const before = agents.configs.currentVersion(id);
    const at = () => this.ctx.now();
    const after = refusalAs400(() =>
      'version' in change
        ? agents.configs.rollback(id, change.version, who.actor, at(), reason)
        : agents.configs.update(id, change.patch, who.actor, at(), reason ?? 'updated'),
    );
    agents.save(batch);
    batch.audit.push(
      this.ctx.records.audit(
        who,
        `agent.config.${'version' in change ? 'rollback' : 'update'}`,
        id,
        {
          before: { version: before.version, config: before.config },
          after: {
            version: after.version,
            config: after.config,
            ...('version' in change ? { rollbackOf: change.version } : {}),
          },
        },
      ),
    );
    return after;
  }

  async runTask(input: TaskInput, who: Actor, batch: BatchBuilder): Promise<Task> {
    const task = await this.ctx.tasks.run(input, who.actor, batch);
    batch.audit.push(
      this.ctx.records.audit(
        who,
        input.dryRun ? 'task.dry_run' : 'task.run',
        `${input.action} ${task.service}`,
        {
          after: { task: task.id, status: task.status },
          result: task.status === 'blocked' ? 'blocked' : 'ok',
        },
      ),
    );
    return task;
  }

  /** Runs the recommended action of an escalated incident. */
  async approveIncident(id: string, who: Actor, batch: BatchBuilder): Promise<Task> {
    const task = await this.ctx.autopilot.approve(id, who.actor, batch);
    batch.audit.push(
      this.ctx.records.audit(who, 'incident.approve', id, {
        after: { task: task.id, status: task.status },
      }),
    );
    return task;
  }

  planPatch(service: string, version: string, who: Actor, batch: BatchBuilder): PatchPlan {
    const plan = this.ctx.rollouts.plan(service, version, who.actor, batch);
    batch.audit.push(
      this.ctx.records.audit(who, 'patch.plan', plan.id, {
        after: { service: plan.service, toVersion: plan.toVersion, risk: plan.risk.score },
      }),
    );
    return plan;
  }

  /** `stored`: the store's copy of a plan memory no longer holds (it gets the same refusal). */
  patchCommand(
    id: string,
    command: PatchCommand,
    reason: string | undefined,
    who: Actor,
    batch: BatchBuilder,
    stored: PatchPlan | undefined,
  ): PatchPlan {
    const { rollouts } = this.ctx;
    const before = rollouts.held(id) ?? stored;
    if (!before) throw new EngineError('not_found', `Patch plan ${id} not found`, 'id');
    if (command === 'resume' && this.ctx.killSwitchEngaged()) {
      throw new EngineError(
        'kill_switch_engaged',
        'Release the kill switch before resuming a rollout',
      );
    }
    const plan = rollouts.command(id, command, who.actor, reason, batch, before);
    batch.audit.push(
      this.ctx.records.audit(who, `patch.${command}`, id, {
        before: { state: before.state },
        after: { state: plan.state },
      }),
    );
    return plan;
  }
}

/** A config change the agents refuse becomes a 400 naming the field. */
function refusalAs400<T>(change: () => T): T {
  try {
    return change();
  } catch (error) {
    if (error instanceof ConfigError) {
      const first = error.issues[0];
      throw new EngineError(
        'invalid',
        first ? `${first.field}: ${first.message}` : error.message,
        first?.field,
      );
    }
    throw error;
  }
}
