export { listRunbooks, RUNBOOKS, type Runbook, runbookFor } from './catalog.ts';
export { IdempotencyLedger, type LedgerOptions } from './idempotency.ts';
export { planTask, type TaskPlan, type TaskRequest } from './plan.ts';
export type { Check } from './preconditions.ts';
export {
  type EffectResult,
  type RunOptions,
  runTask,
  type TaskEffect,
  type TaskRecord,
} from './run.ts';
export type { TaskView } from './view.ts';
