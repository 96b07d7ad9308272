import { z } from 'zod';
import { IsoTime } from './common.ts';

export const MetricName = z.enum([
  'latency_p95_ms',
  'error_rate',
  'cpu',
  'memory',
  'throughput_rps',
  'disk',
]);
export type MetricName = z.infer<typeof MetricName>;

/** One service's metrics at one instant; cpu, memory, disk and error_rate are fractions 0..1. */
export const MetricSample = z.object({
  at: IsoTime,
  service: z.string(),
  values: z.record(MetricName, z.number()),
});
export type MetricSample = z.infer<typeof MetricSample>;
