import { z } from 'zod';
import { IsoTime } from './common.ts';

/** Rollout states (contract: DESIGN.md). */
export const PatchState = z.enum([
  'planned',
  'preflight',
  'canary',
  'verifying',
  'rolling_out',
  'completed',
  'rolled_back',
  'halted',
  'failed',
]);
export type PatchState = z.infer<typeof PatchState>;

export const PatchTransition = z.object({
  from: PatchState,
  to: PatchState,
  at: IsoTime,
  reason: z.string(),
});
export type PatchTransition = z.infer<typeof PatchTransition>;

/** One analysis run: the new version's hosts against the ones still on the old version. */
export const PatchMeasurement = z.object({
  at: IsoTime,
  canaryErrorRate: z.number(),
  baselineErrorRate: z.number(),
  canaryLatencyP95: z.number(),
  baselineLatencyP95: z.number(),
  /** `stable` hosts measured alongside, or the `preflight` snapshot once none are left. */
  baselineFrom: z.enum(['stable', 'preflight']),
  verdict: z.enum(['pass', 'fail']),
  reason: z.string(),
});
export type PatchMeasurement = z.infer<typeof PatchMeasurement>;

export const PatchWaveState = z.enum([
  'pending',
  'deploying',
  'verifying',
  'passed',
  'failed',
  'rolled_back',
]);
export type PatchWaveState = z.infer<typeof PatchWaveState>;

/** A wave covers `percent` of the hosts in total; `hosts` are the ones it adds. */
export const PatchWave = z.object({
  percent: z.number().min(0).max(100),
  hosts: z.array(z.string()),
  state: PatchWaveState,
  measurements: z.array(PatchMeasurement),
  /** Deploy steps issued for this wave (a blocked or lost step is issued again). */
  attempts: z.number().int().nonnegative(),
  startedAt: IsoTime.nullable(),
  finishedAt: IsoTime.nullable(),
});
export type PatchWave = z.infer<typeof PatchWave>;

export const PatchRisk = z.object({
  score: z.number().min(0).max(1),
  reasons: z.array(z.string()),
});
export type PatchRisk = z.infer<typeof PatchRisk>;

export const PatchCheck = z.object({ name: z.string(), ok: z.boolean(), reason: z.string() });
export type PatchCheck = z.infer<typeof PatchCheck>;

/** A patch rollout plan and its progress: `PLAN-000001`. */
export const PatchPlan = z.object({
  id: z.string(),
  service: z.string(),
  fromVersion: z.string(),
  toVersion: z.string(),
  risk: PatchRisk,
  approvalRequired: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: IsoTime.nullable(),
  state: PatchState,
  /** The state a halted rollout resumes in; null unless halted. */
  haltedFrom: PatchState.nullable(),
  transitions: z.array(PatchTransition),
  preflight: z.array(PatchCheck),
  /** The version each host ran before the rollout; a rollback returns them to it. */
  hostVersions: z.record(z.string(), z.string()),
  /** Healthy hosts' error rate and p95 latency just before the first deploy. */
  baseline: z.object({ errorRate: z.number(), latencyP95: z.number() }).nullable(),
  waves: z.array(PatchWave),
  canary: z.object({
    hosts: z.array(z.string()),
    measurements: z.array(PatchMeasurement),
    failureLimit: z.number().int().positive(),
  }),
  /** Set once an abort or a failed analysis asks for the touched hosts to go back. */
  rollback: z
    .object({
      reason: z.string(),
      requestedAt: IsoTime,
      attempts: z.number().int().nonnegative(),
    })
    .nullable(),
  createdBy: z.string(),
  createdAt: IsoTime,
  updatedAt: IsoTime,
});
export type PatchPlan = z.infer<typeof PatchPlan>;

/** What a client posts to `POST /api/patches`. */
export const PatchInput = z
  .object({
    service: z.string().min(1).max(200),
    version: z
      .string()
      .regex(/^\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.-]+)?$/, { message: 'must look like 1.2.3' }),
  })
  .strict();
export type PatchInput = z.infer<typeof PatchInput>;

export const PatchDecisionInput = z
  .object({ reason: z.string().trim().min(1).max(500).optional() })
  .strict();
