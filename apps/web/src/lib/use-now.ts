import { useSyncExternalStore } from 'react';

// One shared ticking clock for every "updated N s ago", instead of a timer per component.
const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | undefined;

const subscribe = (listener: () => void) => {
  listeners.add(listener);
  if (!timer) {
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, 1000);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
};

/** Wall-clock milliseconds, updated once a second. */
export const useNow = (): number => useSyncExternalStore(subscribe, () => now);
