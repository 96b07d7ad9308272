import { z } from 'zod';
import { IsoTime } from './common.ts';
import { RemediationKind } from './outcome.ts';

const none = z.object({}).strict();
const instances = z.object({ instances: z.number().int().min(1).max(10).optional() }).strict();

/** Parameters each action takes; every field is optional, so `{}` is always valid. */
export const ActionParams = {
  restart_service: none,
  clear_cache: none,
  scale_out: instances,
  scale_in: instances,
  failover_region: z.object({ toRegion: z.string().min(1).max(100).optional() }).strict(),
  rollback_deploy: none,
  rotate_logs: z.object({ keepDays: z.number().int().min(1).max(90).optional() }).strict(),
  free_disk: none,
  backup_datastore: none,
  verify_backup: none,
} as const satisfies Record<RemediationKind, z.ZodType>;

/** A parameter value as the simulator takes it. */
export const ActionParamValue = z.union([z.string().max(200), z.number()]);
export type ActionParamValue = z.infer<typeof ActionParamValue>;

/** JSON Schema of an action's parameters, for catalogs and UIs. */
export const actionParamsJsonSchema = (kind: RemediationKind): Record<string, unknown> =>
  z.toJSONSchema(ActionParams[kind]) as Record<string, unknown>;

/** What a client posts to `POST /api/tasks`. */
export const TaskInput = z
  .object({
    action: RemediationKind,
    service: z.string().min(1).max(200),
    params: z.record(z.string().min(1).max(50), ActionParamValue).optional(),
    dryRun: z.boolean().optional(),
    idempotencyKey: z.string().min(1).max(200).optional(),
    reason: z.string().trim().min(1).max(500).optional(),
  })
  .strict()
  .superRefine((input, ctx) => {
    const parsed = ActionParams[input.action].safeParse(input.params ?? {});
    if (parsed.success) return;
    for (const issue of parsed.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['params', ...issue.path] });
    }
  });
export type TaskInput = z.infer<typeof TaskInput>;

export const TaskStatus = z.enum([
  'planned',
  'running',
  'succeeded',
  'failed',
  'blocked',
  'dry_run',
]);
export type TaskStatus = z.infer<typeof TaskStatus>;

/** One named check made before an action runs. */
export const Precondition = z.object({ name: z.string(), ok: z.boolean(), reason: z.string() });
export type Precondition = z.infer<typeof Precondition>;

/** One step of a runbook's plan, in operator words. */
export const TaskStep = z.object({
  order: z.number().int().positive(),
  action: RemediationKind,
  service: z.string(),
  params: z.record(z.string(), ActionParamValue),
  description: z.string(),
  timeoutSeconds: z.number().positive(),
});
export type TaskStep = z.infer<typeof TaskStep>;

export const TaskResult = z.object({ applied: z.boolean(), message: z.string() });
export type TaskResult = z.infer<typeof TaskResult>;

/** A runbook action as recorded: `ACT-000001`. */
export const Task = z.object({
  id: z.string(),
  action: RemediationKind,
  service: z.string(),
  params: z.record(z.string(), ActionParamValue),
  status: TaskStatus,
  dryRun: z.boolean(),
  idempotencyKey: z.string().nullable(),
  reason: z.string().nullable(),
  requestedBy: z.string(),
  requestedAt: IsoTime,
  startedAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
  preconditions: z.array(Precondition),
  plan: z.array(TaskStep),
  result: TaskResult.nullable(),
  incidentId: z.string().nullable(),
});
export type Task = z.infer<typeof Task>;
