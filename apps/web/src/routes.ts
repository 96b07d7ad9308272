import { type ComponentType, type LazyExoticComponent, lazy } from 'react';

export interface NavPage {
  path: string;
  label: string;
  Page: LazyExoticComponent<ComponentType>;
}

/**
 * The sidebar and the router both read this table: a new page (Forecasts, Patches,
 * Agents…) is one line here plus its folder under pages/.
 */
export const navPages: NavPage[] = [
  { path: '/', label: 'Overview', Page: lazy(() => import('./pages/overview/OverviewPage.tsx')) },
  {
    path: '/services',
    label: 'Services',
    Page: lazy(() => import('./pages/services/ServicesPage.tsx')),
  },
  {
    path: '/incidents',
    label: 'Incidents',
    Page: lazy(() => import('./pages/incidents/IncidentsPage.tsx')),
  },
  {
    path: '/forecasts',
    label: 'Forecasts',
    Page: lazy(() => import('./pages/forecasts/ForecastsPage.tsx')),
  },
  {
    path: '/patches',
    label: 'Patches',
    Page: lazy(() => import('./pages/patches/PatchesPage.tsx')),
  },
  { path: '/agents', label: 'Agents', Page: lazy(() => import('./pages/agents/AgentsPage.tsx')) },
  { path: '/logs', label: 'Logs', Page: lazy(() => import('./pages/logs/LogsPage.tsx')) },
  { path: '/audit', label: 'Audit', Page: lazy(() => import('./pages/audit/AuditPage.tsx')) },
];

/** Routes reached from a page rather than the sidebar. */
export const detailPages: Omit<NavPage, 'label'>[] = [
  {
    path: '/incidents/:id',
    Page: lazy(() => import('./pages/incidents/IncidentDetailPage.tsx')),
  },
];
