import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { Incident, type IncidentSeverity, type IncidentStatus, Task } from '@watchfloor/domain';
import { queryString } from '../lib/query-string.ts';
import { api, post } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { IncidentDetail, IncidentPage } from './schemas.ts';

export interface IncidentFilters {
  status: IncidentStatus[];
  severity: IncidentSeverity[];
  service: string;
  q: string;
}

export const incidentsPath = (filters: IncidentFilters, extra: Record<string, string> = {}) =>
  `/api/incidents${queryString({ ...filters, ...extra })}`;

export const useIncidents = (filters: IncidentFilters) =>
  useInfiniteQuery({
    queryKey: keys.incidentList(filters),
    queryFn: ({ pageParam }) =>
      api(
        IncidentPage,
        incidentsPath(filters, { limit: '50', ...(pageParam ? { cursor: pageParam } : {}) }),
      ),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL.lists,
  });

export const useRecentIncidents = (limit = 8) =>
  useQuery({
    queryKey: keys.recentIncidents,
    queryFn: () => api(IncidentPage, `/api/incidents?limit=${limit}`),
    refetchInterval: POLL.lists,
  });

export const useIncident = (id: string) =>
  useQuery({
    queryKey: keys.incident(id),
    queryFn: () => api(IncidentDetail, `/api/incidents/${encodeURIComponent(id)}`),
    refetchInterval: POLL.lists,
  });

/** Acknowledge or resolve; the answer replaces the incident (not optimistic: 409 is common). */
export function useIncidentTransition(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (action: 'ack' | 'resolve') =>
      post(Incident, `/api/incidents/${encodeURIComponent(id)}/${action}`),
    onSuccess: (incident) => {
      qc.setQueryData<IncidentDetail>(keys.incident(id), (prev) =>
        prev ? { ...prev, ...incident } : undefined,
      );
      void qc.invalidateQueries({ queryKey: keys.incident(id) });
      void qc.invalidateQueries({ queryKey: keys.incidents });
    },
  });
}

/** Runs the orchestrator's recommended action of an escalated incident (409 when none waits). */
export function useApproveIncident(id: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => post(Task, `/api/incidents/${encodeURIComponent(id)}/approve`),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.incident(id) });
      void qc.invalidateQueries({ queryKey: keys.incidents });
      void qc.invalidateQueries({ queryKey: keys.metrics });
    },
  });
}
