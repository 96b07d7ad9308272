import { z } from 'zod';
import { IsoTime } from './common.ts';
import { MetricName } from './metrics.ts';

export const HoltParams = z.object({
  alpha: z.number(),
  beta: z.number(),
  phi: z.number().optional(),
  level0: z.number(),
  trend0: z.number(),
  sse: z.number(),
});
export type HoltParams = z.infer<typeof HoltParams>;

/** One service/metric: recent actuals, fitted values, a 24 h forecast with its interval. */
export const Forecast = z.object({
  service: z.string(),
  metric: MetricName,
  stepSeconds: z.number().int().positive(),
  fittedAt: IsoTime,
  params: HoltParams,
  damped: z.boolean(),
  actual: z.array(z.object({ at: IsoTime, value: z.number() })),
  fitted: z.array(z.number()),
  forecast: z.array(
    z.object({ at: IsoTime, value: z.number(), lower: z.number(), upper: z.number() }),
  ),
  /** Robust z-score of the latest one-step residual; |score| > 3.5 is anomalous. */
  anomalyScore: z.number(),
  anomalous: z.boolean(),
  threshold: z.object({ value: z.number(), direction: z.enum(['above', 'below']) }).nullable(),
  predictedCrossing: z.object({ at: IsoTime, inSeconds: z.number() }).nullable(),
});
export type Forecast = z.infer<typeof Forecast>;

/** A short-horizon prediction that a metric will cross its alert threshold. */
export const PredictedRisk = z.object({
  service: z.string(),
  metric: MetricName,
  current: z.number(),
  threshold: z.number(),
  predictedCrossingAt: IsoTime,
  inSeconds: z.number(),
  trendPerMinute: z.number(),
  confidence: z.number().min(0).max(1),
  detectedAt: IsoTime,
});
export type PredictedRisk = z.infer<typeof PredictedRisk>;

const finite = z.number().refine(Number.isFinite, { message: 'must be a finite number' });

export const FitInput = z
  .object({
    series: z.array(finite).min(4, { message: 'needs at least 4 points' }).max(100_000),
    horizon: z.number().int().min(1).max(1000),
    damped: z.boolean().optional(),
    alpha: z.number().gt(0).lt(1).optional(),
    beta: z.number().gt(0).lt(1).optional(),
    phi: z.number().min(0.8).max(0.98).optional(),
  })
  .strict();
export type FitInput = z.infer<typeof FitInput>;

export const FitResult = z.object({
  alpha: z.number(),
  beta: z.number(),
  phi: z.number().optional(),
  level0: z.number(),
  trend0: z.number(),
  sse: z.number(),
  fitted: z.array(z.number()),
  forecast: z.array(z.number()),
  lower: z.array(z.number()),
  upper: z.array(z.number()),
});
export type FitResult = z.infer<typeof FitResult>;
