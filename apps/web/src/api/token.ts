import { useSyncExternalStore } from 'react';

const KEY = 'watchfloor.operatorToken';
const listeners = new Set<() => void>();

const read = (): string | null => {
  try {
    return localStorage.getItem(KEY);
  } catch {
    return null;
  }
};

let current: string | null = typeof localStorage === 'undefined' ? null : read();

/** The operator token every request sends as `Authorization: Bearer …`, or null. */
export const getToken = (): string | null => current;

export function setToken(token: string | null): void {
  const value = token?.trim() || null;
  current = value;
  try {
    if (value) localStorage.setItem(KEY, value);
    else localStorage.removeItem(KEY);
  } catch {
    // Private mode without storage: the token lives for this page only.
  }
  for (const listener of listeners) listener();
}

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  return () => listeners.delete(listener);
};

export const useToken = (): string | null => useSyncExternalStore(subscribe, getToken);

/**
 * The server prints `http://host:port/?token=…` as the login link: keep the token and take
 * it out of the address bar (and history) so it is not shared by copying the URL.
 */
export function adoptTokenFromUrl(): void {
  const url = new URL(window.location.href);
  const token = url.searchParams.get('token');
  if (token === null) return;
  if (token.trim()) setToken(token);
  url.searchParams.delete('token');
  window.history.replaceState(window.history.state, '', `${url.pathname}${url.search}${url.hash}`);
}
