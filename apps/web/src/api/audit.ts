import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { queryString } from '../lib/query-string.ts';
import { api } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { AuditPage } from './schemas.ts';

export interface AuditFilters {
  actor: string;
  action: string;
  target: string;
}

export const auditPath = (filters: AuditFilters, extra: Record<string, string> = {}) =>
  `/api/audit${queryString({ ...filters, ...extra })}`;

export const useAudit = (filters: AuditFilters) =>
  useInfiniteQuery({
    queryKey: keys.auditList(filters),
    queryFn: ({ pageParam }) =>
      api(
        AuditPage,
        auditPath(filters, { limit: '50', ...(pageParam ? { cursor: pageParam } : {}) }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL.lists,
  });

export const useRecentAudit = (limit = 8) =>
  useQuery({
    queryKey: keys.recentAudit,
    queryFn: () => api(AuditPage, `/api/audit?limit=${limit}`),
    refetchInterval: POLL.lists,
  });
