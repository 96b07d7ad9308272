import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type AgentConfigPatch, AgentConfigVersion, LearningStats } from '@watchfloor/domain';
import { api, post } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { AgentDetail, AgentPage } from './schemas.ts';

export const useAgents = () =>
  useQuery({
    queryKey: keys.agents,
    queryFn: () => api(AgentPage, '/api/agents'),
    refetchInterval: POLL.lists,
  });

export const useAgent = (id: string) =>
  useQuery({
    queryKey: keys.agent(id),
    queryFn: () => api(AgentDetail, `/api/agents/${encodeURIComponent(id)}`),
    refetchInterval: POLL.lists,
    enabled: id !== '',
  });

export const useLearning = () =>
  useQuery({
    queryKey: keys.learning,
    queryFn: () => api(LearningStats, '/api/agents/learning'),
    refetchInterval: POLL.metrics,
  });

const useRefresh = () => {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.agents });
    void qc.invalidateQueries({ queryKey: keys.audit });
  };
};

/** A versioned config change; the server refuses unknown fields and out-of-range values. */
export function useUpdateAgentConfig(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { patch: AgentConfigPatch; reason: string }) =>
      api(AgentConfigVersion, `/api/agents/${encodeURIComponent(id)}/config`, {
        method: 'PATCH',
        json: input,
      }),
    onSuccess: refresh,
  });
}

/** Restores an earlier version as a new one (history stays append-only). */
export function useRollbackAgentConfig(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { version: number; reason?: string }) =>
      post(AgentConfigVersion, `/api/agents/${encodeURIComponent(id)}/config/rollback`, input),
    onSuccess: refresh,
  });
}
