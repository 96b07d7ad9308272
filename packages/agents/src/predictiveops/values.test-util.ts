import type { MetricSample } from '@watchfloor/domain';

/** A full set of sample values (a healthy service's), with the given ones overridden. */
export const metricValues = (values: Partial<MetricSample['values']>): MetricSample['values'] => ({
  latency_p95_ms: 80,
  error_rate: 0.002,
  cpu: 0.3,
  memory: 0.5,
  throughput_rps: 400,
  disk: 0.3,
  ...values,
});
