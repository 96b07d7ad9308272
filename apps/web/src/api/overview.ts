import { useQuery, useQueryClient } from '@tanstack/react-query';
import { appendSample, type CounterSample } from '../lib/rates.ts';
import { api } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { type Kpis, Kpis as KpisSchema } from './schemas.ts';

/** Samples kept for the rate chart (at 3 s polls, about six minutes). */
export const RATE_WINDOW = 120;

export interface MetricsWithHistory {
  latest: Kpis;
  history: CounterSample[];
}

/**
 * KPIs, plus a bounded window of earlier polls so rates can be derived client-side. The
 * window lives in the query cache, so it survives leaving the page for a while.
 */
export function useMetrics() {
  const qc = useQueryClient();
  return useQuery({
    queryKey: keys.metrics,
    queryFn: async (): Promise<MetricsWithHistory> => {
      const latest = await api(KpisSchema, '/api/metrics');
      const previous = qc.getQueryData<MetricsWithHistory>(keys.metrics)?.history ?? [];
      const sample = {
        at: Date.parse(latest.virtualTime),
        alerts: latest.alertsReceived,
        incidents: latest.incidents,
      };
      return { latest, history: appendSample(previous, sample, RATE_WINDOW) };
    },
    refetchInterval: POLL.metrics,
  });
}
