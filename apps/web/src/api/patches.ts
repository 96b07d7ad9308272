import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQueryClient,
} from '@tanstack/react-query';
import { PatchPlan } from '@watchfloor/domain';
import { queryString } from '../lib/query-string.ts';
import { api, post } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { PatchPage } from './schemas.ts';

export const usePatches = () =>
  useInfiniteQuery({
    queryKey: keys.patches,
    queryFn: ({ pageParam }) =>
      api(PatchPage, `/api/patches${queryString({ limit: 20, cursor: pageParam || null })}`),
    initialPageParam: '',
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: POLL.lists,
  });

const useRefresh = () => {
  const qc = useQueryClient();
  return () => {
    void qc.invalidateQueries({ queryKey: keys.patches });
    void qc.invalidateQueries({ queryKey: keys.audit });
  };
};

/** Plan a rollout of `service` to `version`; the server assesses risk and approval. */
export function usePlanPatch() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: { service: string; version: string }) =>
      post(PatchPlan, '/api/patches', input),
    onSuccess: refresh,
  });
}

export type PatchCommand = 'approve' | 'abort' | 'resume';

/** Approve, abort (with a reason) or resume one plan; a 409 says why not, as the server puts it. */
export function usePatchCommand(id: string) {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ command, reason }: { command: PatchCommand; reason?: string }) =>
      post(
        PatchPlan,
        `/api/patches/${encodeURIComponent(id)}/${command}`,
        reason ? { reason } : {},
      ),
    onSuccess: refresh,
  });
}
