import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { authStatus } from './auth-status.ts';
import { api } from './client.ts';
import { keys, POLL } from './query-client.ts';
import { SessionRole } from './schemas.ts';
import { useToken } from './token.ts';

/**
 * Asks the server up front what the stored token is (operator, viewer or unknown), so the
 * controls are right before the first mutation; refreshed now and then in case the server
 * restarted with other tokens. Other answers (401/403) still correct it as they come.
 */
export function useSessionProbe(): void {
  const token = useToken();
  const { data } = useQuery({
    queryKey: keys.session(token),
    queryFn: () => api(SessionRole, '/api/session', { observeAuth: false }),
    refetchInterval: POLL.session,
    staleTime: POLL.session,
  });
  useEffect(() => {
    if (data) authStatus.fromRole(data.role, token !== null);
  }, [data, token]);
}
