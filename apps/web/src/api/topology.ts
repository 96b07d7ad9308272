import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import type { Tier } from '@watchfloor/domain';
import { queryString } from '../lib/query-string.ts';
import { api } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { ServiceDetail, ServicePage, type ServiceView, TopologySummary } from './schemas.ts';

export type ServiceHealth = ServiceView['health'];

export interface ServiceFilters {
  q: string;
  tier: Tier[];
  region: string;
  health: ServiceHealth[];
}

/** Services per page on the services view. */
export const SERVICE_PAGE = 50;
/** Suggestions a service picker offers while typing. */
export const SUGGESTIONS = 20;

/** The overview's health map: counts per tier × region and a few tiles per cell. */
export const useTopologySummary = () =>
  useQuery({
    queryKey: keys.topology,
    queryFn: () => api(TopologySummary, '/api/topology'),
    refetchInterval: POLL.topology,
  });

/** Regions and counts only (no tiles): a couple of KB at any estate size. */
export const useEstateCounts = () =>
  useQuery({
    queryKey: keys.estateCounts,
    queryFn: () => api(TopologySummary, '/api/topology?tiles=0'),
    refetchInterval: POLL.topology,
  });

export const servicesPath = (filters: Partial<ServiceFilters>, extra: Record<string, string>) =>
  `/api/topology/services${queryString({ ...filters, ...extra })}`;

/** The services view: filtered, a page at a time, polled for health. */
export const useServices = (filters: ServiceFilters) =>
  useInfiniteQuery({
    queryKey: keys.services(filters),
    queryFn: ({ pageParam }) =>
      api(
        ServicePage,
        servicesPath(filters, {
          limit: String(SERVICE_PAGE),
          ...(pageParam ? { cursor: pageParam } : {}),
        }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL.lists,
  });

/** A few services whose id or name contains `q` (the first few when empty); not polled. */
export const useServiceSearch = (q: string, enabled = true) =>
  useQuery({
    queryKey: keys.serviceSearch(q),
    queryFn: () => api(ServicePage, servicesPath({ q }, { limit: String(SUGGESTIONS) })),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    enabled,
  });

/** One service with its hosts (the patch form reads the version they run). */
export const useService = (id: string) =>
  useQuery({
    queryKey: keys.service(id),
    queryFn: () => api(ServiceDetail, `/api/topology/services/${encodeURIComponent(id)}`),
    enabled: id !== '',
    staleTime: 5_000,
  });
