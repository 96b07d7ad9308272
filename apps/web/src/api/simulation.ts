import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fault, SimulationState } from '@watchfloor/domain';
import { api, post } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { SimulationView } from './schemas.ts';

export const useSimulation = () =>
  useQuery({
    queryKey: keys.simulation,
    queryFn: () => api(SimulationView, '/api/simulation'),
    refetchInterval: POLL.simulation,
  });

/** Mutations answer the bare state; keep the scenario list we already have. */
const useMergeState = () => {
  const qc = useQueryClient();
  return (state: SimulationState) =>
    qc.setQueryData<SimulationView>(keys.simulation, (prev) =>
      prev ? { ...prev, ...state } : undefined,
    );
};

export function useSetRunning() {
  const merge = useMergeState();
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (running: boolean) =>
      post(SimulationState, running ? '/api/simulation/start' : '/api/simulation/stop'),
    onSuccess: (state) => {
      merge(state);
      void qc.invalidateQueries({ queryKey: keys.audit });
    },
  });
}

/** Speed is safe to show at once: a refusal rolls it back. */
export function useSetSpeed() {
  const qc = useQueryClient();
  const merge = useMergeState();
  return useMutation({
    mutationFn: (speed: number) =>
      api(SimulationState, '/api/simulation', { method: 'PATCH', json: { speed } }),
    onMutate: async (speed) => {
      await qc.cancelQueries({ queryKey: keys.simulation });
      const before = qc.getQueryData<SimulationView>(keys.simulation);
      if (before) qc.setQueryData<SimulationView>(keys.simulation, { ...before, speed });
      return { before };
    },
    onError: (_error, _speed, context) => {
      if (context?.before) qc.setQueryData(keys.simulation, context.before);
    },
    onSuccess: merge,
  });
}

export function useInjectFault() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { scenario: string; service: string }) =>
      post(Fault, '/api/simulation/faults', input),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: keys.simulation });
      void qc.invalidateQueries({ queryKey: keys.audit });
    },
  });
}
