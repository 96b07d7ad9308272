import type { IncidentFacts } from './facts.ts';

export const CATALOG = [
  'restart_service',
  'scale_out',
  'rollback_deploy',
  'free_disk',
  'failover_region',
];

/** A database saturation spreading from orders-db to its callers. */
export const dbSaturation: IncidentFacts = {
  id: 'INC-000042',
  title: 'Checkout errors and latency',
  severity: 'critical',
  status: 'open',
  services: ['checkout', 'orders', 'orders-db'],
  suspectedRoot: {
    service: 'orders-db',
    confidence: 0.82,
    reason: 'its alert fired first and checkout and orders depend on it',
  },
  alertCount: 3,
  alerts: [
    {
      alertname: 'HighLatencyP95',
      service: 'checkout',
      severity: 'warning',
      startsAt: '2026-01-05T10:04:00.000Z',
    },
    {
      alertname: 'DatabaseConnectionsSaturated',
      service: 'orders-db',
      severity: 'critical',
      startsAt: '2026-01-05T10:02:00.000Z',
    },
    {
      alertname: 'UpstreamTimeout',
      service: 'orders',
      severity: 'warning',
      startsAt: '2026-01-05T10:03:00.000Z',
    },
  ],
  timeline: [{ at: '2026-01-05T10:02:10.000Z', kind: 'opened', message: 'incident opened' }],
  actions: [],
  runbookCatalog: CATALOG,
};
