import { useSyncExternalStore } from 'react';
import { useToken } from './token.ts';

/** Whether the server took the stored token: unknown until a request with it answers. */
export type TokenVerdict = 'unknown' | 'accepted' | 'viewer' | 'rejected';

const listeners = new Set<() => void>();
let verdict: TokenVerdict = 'unknown';

const set = (next: TokenVerdict) => {
  if (next === verdict) return;
  verdict = next;
  for (const listener of listeners) listener();
};

export const authStatus = {
  /** Any request answered with the token tells us whether the server knows it. */
  observe(status: number): void {
    if (status === 401) set('rejected');
    else if (status === 403) set('viewer');
    else if (status < 400 && verdict !== 'viewer') set('accepted');
  },
  /** `GET /api/session` says outright what the stored token is (anonymous = not known). */
  fromRole(role: 'operator' | 'viewer' | 'anonymous', sentToken: boolean): void {
    if (!sentToken) return;
    set(role === 'operator' ? 'accepted' : role === 'viewer' ? 'viewer' : 'rejected');
  },
  reset(): void {
    set('unknown');
  },
  get: (): TokenVerdict => verdict,
};

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export interface Session {
  token: string | null;
  verdict: TokenVerdict;
  /** Mutations are offered only with a token the server has not refused. */
  canOperate: boolean;
}

export function useSession(): Session {
  const token = useToken();
  const current = useSyncExternalStore(subscribe, authStatus.get);
  return {
    token,
    verdict: token ? current : 'unknown',
    canOperate: !!token && current !== 'rejected' && current !== 'viewer',
  };
}
