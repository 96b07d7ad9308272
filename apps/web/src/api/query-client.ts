import { QueryClient } from '@tanstack/react-query';
import { ApiRequestError } from './errors.ts';

/** How often each resource is polled, in ms (never overlapping; paused in hidden tabs). */
export const POLL = {
  killSwitch: 2000,
  simulation: 2000,
  logs: 1500,
  lists: 3000,
  metrics: 3000,
  topology: 5000,
  session: 60_000,
  forecasts: 5000,
} as const;

/** Data older than this while polling is visible counts as stale. */
export const STALE_AFTER_MS = 15_000;

export const createQueryClient = () =>
  new QueryClient({
    defaultOptions: {
      queries: {
        refetchIntervalInBackground: false,
        refetchOnWindowFocus: true,
        staleTime: 1000,
        // One quick retry for a blip; a client error (4xx) will not get better by retrying.
        retry: (count, error) =>
          count < 1 &&
          !(error instanceof ApiRequestError && error.status >= 400 && error.status < 500),
        retryDelay: 1000,
      },
      mutations: { retry: false },
    },
  });

/** Every query key in one place, so invalidations cannot drift from the hooks. */
export const keys = {
  killSwitch: ['kill-switch'] as const,
  simulation: ['simulation'] as const,
  metrics: ['metrics'] as const,
  topology: ['topology'] as const,
  estateCounts: ['topology', 'counts'] as const,
  services: (filters: object) => ['topology', 'services', filters] as const,
  serviceSearch: (q: string) => ['topology', 'search', q] as const,
  service: (id: string) => ['topology', 'service', id] as const,
  incidents: ['incidents'] as const,
  incidentList: (filters: object) => ['incidents', 'list', filters] as const,
  recentIncidents: ['incidents', 'recent'] as const,
  incident: (id: string) => ['incident', id] as const,
  audit: ['audit'] as const,
  auditList: (filters: object) => ['audit', 'list', filters] as const,
  recentAudit: ['audit', 'recent'] as const,
  logs: (filters: object) => ['logs', filters] as const,
  session: (token: string | null) => ['session', token] as const,
  forecasts: (filters: object) => ['forecasts', filters] as const,
  patches: ['patches'] as const,
  agents: ['agents'] as const,
  agent: (id: string) => ['agents', 'one', id] as const,
  learning: ['agents', 'learning'] as const,
};
