import { useQuery, useQueryClient } from '@tanstack/react-query';
import type { LogEntry, LogLevel } from '@watchfloor/domain';
import { mergeLines } from '../lib/log-buffer.ts';
import { queryString } from '../lib/query-string.ts';
import { api } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { LogPage } from './schemas.ts';

export interface LogFilters {
  level: LogLevel[];
  source: string;
  q: string;
}

/**
 * A live tail: the first poll takes the newest page, each later one asks only for lines
 * `after` the newest id it holds and merges them in by id (bounded, see mergeLines).
 * Paused means no polling at all, so the view stays still.
 */
export function useLogStream(filters: LogFilters, paused: boolean) {
  const qc = useQueryClient();
  const key = keys.logs(filters);
  return useQuery({
    queryKey: key,
    queryFn: async (): Promise<LogEntry[]> => {
      const buffer = qc.getQueryData<LogEntry[]>(key) ?? [];
      const after = buffer[0]?.id;
      const page = await api(
        LogPage,
        `/api/logs${queryString({ ...filters, after, limit: after ? 500 : 200 })}`,
      );
      return mergeLines(buffer, page.items);
    },
    refetchInterval: paused ? false : POLL.logs,
    refetchOnWindowFocus: !paused,
    staleTime: paused ? Number.POSITIVE_INFINITY : 0,
  });
}
