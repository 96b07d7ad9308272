import { IdempotencyLedger, runTask, type TaskRecord } from '@watchfloor/agents';
import { parseIdNumber, type Task, type TaskInput } from '@watchfloor/domain';
import type { Repository } from '@watchfloor/kb';
import type { AutopilotContext } from './autopilot.ts';
import type { BatchBuilder } from './batch.ts';

export const TASKS_NS = 'tasks';

/** Knowledge keys that list newest first: ids counted down from a large number. */
export const newestFirstKey = (id: string): string =>
  String(1e12 - (parseIdNumber(id) ?? 0)).padStart(13, '0');

type TaskRunnerContext = Pick<
  AutopilotContext,
  'sim' | 'ids' | 'agents' | 'now' | 'latestMetrics' | 'guarded' | 'log'
>;

/** TaskOps: runs runbook actions through the guard, idempotently, and keeps the recent ones. */
export class TaskRunner {
  readonly #ledger = new IdempotencyLedger<TaskRecord>();
  readonly #recentTasks: Task[] = [];

  constructor(private readonly ctx: TaskRunnerContext) {}

  async restore(repo: Repository): Promise<void> {
    const newest = await repo.listKnowledge(TASKS_NS, { limit: 50 });
    const first = newest.items[0]?.value as Task | undefined;
    this.ctx.ids.atLeast('task', first ? (parseIdNumber(first.id) ?? 0) : 0);
    for (const item of [...newest.items].reverse()) this.#remember(item.value as Task);
  }

  recent(): readonly Task[] {
    return this.#recentTasks;
  }

  /** Runs a runbook action (operator or agent) through the guard and records it as `ACT-…`. */
  async run(
    input: TaskInput,
    actor: string,
    batch: BatchBuilder,
    incidentId: string | null = null,
  ): Promise<Task> {
    const sim = this.ctx.sim();
    const record = await runTask(
      input,
      {
        topology: sim.topology,
        metrics: this.ctx.latestMetrics,
        // The guard is the one kill-switch gate: it checks at the moment of starting and records blocks.
        killSwitch: { engaged: false, reason: null },
      },
      (kind, service, params) => {
        const outcome = this.ctx.guarded(
          { kind: `task.${kind}`, target: service, actor },
          batch,
          () => sim.applyAction(kind, service, params),
        );
        return outcome.status === 'ran'
          ? outcome.result
          : { applied: false, message: outcome.reason, blocked: true };
      },
      { now: () => this.ctx.now(), requestedBy: actor, incidentId, ledger: this.#ledger },
    );
    const existing = record.idempotencyKey
      ? this.#recentTasks.find(
          (t) => t.idempotencyKey === record.idempotencyKey && t.requestedAt === record.requestedAt,
        )
      : undefined;
    if (existing) return existing;
    // A blocked action never started: no start time, so none can fall after engagedAt.
    const startedAt = record.status === 'blocked' ? null : record.startedAt;
    const task: Task = { ...record, startedAt, id: this.ctx.ids.next('task') };
    this.#remember(task);
    batch.knowledge.push({ namespace: TASKS_NS, key: newestFirstKey(task.id), value: task });
    if (task.status === 'succeeded')
      this.ctx.agents().registry.recordRun('taskops', true, task.finishedAt ?? this.ctx.now());
    if (task.status === 'failed')
      this.ctx.agents().registry.recordRun('taskops', false, task.finishedAt ?? this.ctx.now());
    this.ctx.log(
      task.status === 'succeeded' || task.status === 'dry_run' ? 'info' : 'warn',
      'taskops',
      `${task.id} ${task.action} on ${task.service} by ${actor}: ${task.status}${task.result ? ` — ${task.result.message}` : ''}`,
      batch,
    );
    return task;
  }

  #remember(task: Task): void {
    this.#recentTasks.unshift(task);
    if (this.#recentTasks.length > 500) this.#recentTasks.pop();
  }
}
