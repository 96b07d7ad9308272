import type { Precondition, TaskInput, TaskStep } from '@watchfloor/domain';
import { runbookFor } from './catalog.ts';
import { killSwitchReleased } from './preconditions.ts';
import type { TaskView } from './view.ts';

export interface TaskPlan {
  plan: TaskStep[];
  preconditions: Precondition[];
}

/** The input's own fields the plan needs; `TaskInput` fits. */
export type TaskRequest = Pick<TaskInput, 'action' | 'service' | 'params'>;

/**
 * What running a task would do and whether it may run now; a dry run returns exactly this.
 * Pure: reads the view, changes nothing.
 * @example planTask({ action: 'scale_out', service: 'orders-db' }, view).preconditions
 */
export function planTask(input: TaskRequest, view: TaskView): TaskPlan {
  const runbook = runbookFor(input.action);
  const service = view.topology.services.find(
    (s) => s.id === input.service || s.name === input.service,
  );
  const preconditions: Precondition[] = [killSwitchReleased(view)];
  if (!service) {
    preconditions.push({
      name: 'service_exists',
      ok: false,
      reason: `no service "${input.service}" in the topology`,
    });
    return { plan: [], preconditions };
  }
  preconditions.push({
    name: 'service_exists',
    ok: true,
    reason: `${service.id} (${service.tier})`,
  });
  const tierOk = runbook.tiers.includes(service.tier);
  preconditions.push({
    name: 'tier_supported',
    ok: tierOk,
    reason: tierOk
      ? `${input.action} runs on ${service.tier} services`
      : `${input.action} runs on ${runbook.tiers.join(' or ')} services; ${service.id} is ${service.tier}`,
  });
  const parsed = runbook.params.safeParse(input.params ?? {});
  preconditions.push({
    name: 'params_valid',
    ok: parsed.success,
    reason: parsed.success
      ? 'parameters valid'
      : parsed.error.issues
          .map((i) => `${['params', ...i.path].join('.')}: ${i.message}`)
          .join('; '),
  });
  const params: Record<string, string | number> = { ...runbook.defaults, ...(input.params ?? {}) };
  if (tierOk && parsed.success) {
    for (const check of runbook.checks) preconditions.push(check(service, view, params));
  }
  const plan: TaskStep[] = [
    {
      order: 1,
      action: input.action,
      service: service.id,
      params,
      description: runbook.describe(service.id, params),
      timeoutSeconds: runbook.timeoutSeconds,
    },
  ];
  return { plan, preconditions };
}
