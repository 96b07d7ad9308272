import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { KillSwitchState } from '@watchfloor/domain';
import { api, post } from './client.ts';
import { keys, POLL } from './query-client.ts';

export const useKillSwitch = () =>
  useQuery({
    queryKey: keys.killSwitch,
    queryFn: () => api(KillSwitchState, '/api/kill-switch'),
    refetchInterval: POLL.killSwitch,
  });

/** Engage or release. Never optimistic: the UI shows what the server confirmed. */
export function useSetKillSwitch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: { engaged: boolean; reason: string }) =>
      post(KillSwitchState, '/api/kill-switch', input),
    onSuccess: (state) => {
      qc.setQueryData(keys.killSwitch, state);
      void qc.invalidateQueries({ queryKey: keys.simulation });
      void qc.invalidateQueries({ queryKey: keys.audit });
    },
  });
}
