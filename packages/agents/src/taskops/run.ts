import type { RemediationKind, Task, TaskInput, TaskResult } from '@watchfloor/domain';
import type { IdempotencyLedger } from './idempotency.ts';
import { planTask } from './plan.ts';
import type { TaskView } from './view.ts';

/** What an effect reports; `blocked` when the kill-switch guard refused to start it. */
export interface EffectResult {
  applied: boolean;
  message: string;
  blocked?: boolean;
}

/**
 * Carries out one step. The engine passes `sim.applyAction` wrapped in the kill-switch guard.
 */
export type TaskEffect = (
  kind: RemediationKind,
  service: string,
  params: Record<string, string | number>,
) => EffectResult | Promise<EffectResult>;

/** A task as recorded, without the `ACT-` id the engine assigns. */
export type TaskRecord = Omit<Task, 'id'>;

export interface RunOptions {
  /** The current (virtual) time as ISO-8601. */
  now: () => string;
  requestedBy: string;
  incidentId?: string | null;
  /** With an `idempotencyKey`, repeats within its window return the first record. */
  ledger?: IdempotencyLedger<TaskRecord>;
  /** Resolves once `seconds` have passed; a step still running then fails as timed out. */
  timeout?: (seconds: number) => Promise<void>;
}

const TIMED_OUT = Symbol('timed out');

/**
 * Plans the task, checks its preconditions and, unless it is a dry run or a check fails,
 * runs each step through `effect`. Never throws: a failing effect is a failed task.
 */
export function runTask(
  input: TaskInput,
  view: TaskView,
  effect: TaskEffect,
  options: RunOptions,
): Promise<TaskRecord> {
  const key = input.idempotencyKey;
  if (input.dryRun || key === undefined || options.ledger === undefined) {
    return execute(input, view, effect, options);
  }
  return options.ledger.once(key, Date.parse(options.now()), () =>
    execute(input, view, effect, options),
  );
}

async function execute(
  input: TaskInput,
  view: TaskView,
  effect: TaskEffect,
  options: RunOptions,
): Promise<TaskRecord> {
  const requestedAt = options.now();
  const { plan, preconditions } = planTask(input, view);
  const record: TaskRecord = {
    action: input.action,
    service: plan[0]?.service ?? input.service,
    params: plan[0]?.params ?? input.params ?? {},
    status: 'planned',
    dryRun: input.dryRun ?? false,
    idempotencyKey: input.idempotencyKey ?? null,
    reason: input.reason ?? null,
    requestedBy: options.requestedBy,
    requestedAt,
    startedAt: null,
    finishedAt: null,
    preconditions,
    plan,
    result: null,
    incidentId: options.incidentId ?? null,
  };
  if (record.dryRun) return { ...record, status: 'dry_run' };
  const failed = preconditions.filter((p) => !p.ok);
  if (failed.length > 0) {
    const blocked = failed.some((p) => p.name === 'kill_switch_released');
    return {
      ...record,
      status: blocked ? 'blocked' : 'failed',
      finishedAt: requestedAt,
      result: {
        applied: false,
        message: `refused: ${failed.map((p) => `${p.name} (${p.reason})`).join('; ')}`,
      },
    };
  }
  const startedAt = options.now();
  const messages: string[] = [];
  for (const step of plan) {
    const outcome = await attempt(step.action, step.service, step.params, step.timeoutSeconds);
    messages.push(outcome.message);
    if (outcome.blocked || !outcome.applied) {
      return finish(outcome.blocked ? 'blocked' : 'failed', {
        applied: false,
        message: messages.join('; '),
      });
    }
  }
  return finish('succeeded', { applied: true, message: messages.join('; ') });

  function finish(status: Task['status'], result: TaskResult): TaskRecord {
    return { ...record, status, startedAt, finishedAt: options.now(), result };
  }

  async function attempt(
    kind: RemediationKind,
    service: string,
    params: Record<string, string | number>,
    seconds: number,
  ): Promise<EffectResult> {
    try {
      const run = Promise.resolve(effect(kind, service, params));
      const timer = options.timeout?.(seconds).then((): typeof TIMED_OUT => TIMED_OUT);
      const outcome = await (timer ? Promise.race([run, timer]) : run);
      if (outcome === TIMED_OUT)
        return { applied: false, message: `${kind} timed out after ${seconds}s` };
      return outcome;
    } catch (error) {
      return {
        applied: false,
        message: `${kind} failed: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }
}
