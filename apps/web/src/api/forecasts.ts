import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import type { MetricName } from '@watchfloor/domain';
import { queryString } from '../lib/query-string.ts';
import { api } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { ForecastPage } from './schemas.ts';

export interface ForecastFilters {
  service: string;
  metric: MetricName | '';
}

/** Charts per page: each carries ~400 points, so a page is kept small. */
export const FORECAST_PAGE = 6;

/**
 * PredictiveOps' forecasts, a page of series at a time (every page also carries the live
 * predicted risks). Refits happen server-side as the clock moves, so this polls.
 */
export const useForecasts = (filters: ForecastFilters) =>
  useInfiniteQuery({
    queryKey: keys.forecasts(filters),
    queryFn: ({ pageParam }) =>
      api(
        ForecastPage,
        `/api/forecasts${queryString({ ...filters, limit: FORECAST_PAGE, cursor: pageParam || null })}`,
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL.forecasts,
  });
