import type { Alert, AlertSeverity, Topology } from '@watchfloor/domain';

const T0 = Date.parse('2026-01-05T10:00:00.000Z');

/** ISO time `seconds` after the tests' reference instant. */
export const at = (seconds: number): string => new Date(T0 + seconds * 1000).toISOString();

const service = (id: string, tier: Topology['services'][number]['tier'], dependsOn: string[]) => ({
  id,
  name: id,
  tier,
  region: id.startsWith('reports') || id === 'admin-gateway' ? 'us-east-1' : 'eu-west-1',
  dependsOn,
});

/**
 * web-gateway -> checkout-api -> orders -> orders-db, checkout-api -> payments -> payments-db,
 * web-gateway -> search-api -> catalog -> catalog-db (search-api calls payments too), and a
 * separate admin-gateway ->
 * reports-api -> reports -> reports-db.
 */
export const estate: Topology = {
  regions: ['eu-west-1', 'us-east-1'],
  services: [
    service('web-gateway', 'edge', ['checkout-api', 'search-api']),
    service('checkout-api', 'api', ['orders', 'payments']),
    service('search-api', 'api', ['catalog', 'payments']),
    service('orders', 'domain', ['orders-db']),
    service('payments', 'domain', ['payments-db']),
    service('catalog', 'domain', ['catalog-db']),
    service('orders-db', 'datastore', []),
    service('payments-db', 'datastore', []),
    service('catalog-db', 'datastore', []),
    service('admin-gateway', 'edge', ['reports-api']),
    service('reports-api', 'api', ['reports']),
    service('reports', 'domain', ['reports-db']),
    service('reports-db', 'datastore', []),
  ],
  hosts: [],
};

export interface AlertSpec {
  id: string;
  alertname: string;
  service: string;
  /** Seconds after the reference instant. */
  start: number;
  host?: string;
  severity?: AlertSeverity;
  summary?: string;
}

/** A firing alert as the engine stores it; the fingerprint is alertname + host. */
export function alert(spec: AlertSpec): Alert {
  const host = spec.host ?? `${spec.service}-1`;
  return {
    id: spec.id,
    fingerprint: `${spec.alertname}|${host}`,
    status: 'firing',
    labels: {
      alertname: spec.alertname,
      service: spec.service,
      host,
      severity: spec.severity ?? 'critical',
      region: 'eu-west-1',
    },
    annotations: { summary: spec.summary ?? `${spec.alertname} on ${spec.service}` },
    startsAt: at(spec.start),
    endsAt: null,
    receivedAt: at(spec.start),
    source: 'api',
    incidentId: null,
  };
}

/** A database saturating and the storm it sets off upstream, two hosts per service. */
export function dbCascade(prefix: string, db: string, domain: string, api: string, t = 0): Alert[] {
  const on = (n: number, alertname: string, service: string, start: number, host: string) =>
    alert({
      id: `${prefix}-${n}`,
      alertname,
      service,
      start: t + start,
      host: `${service}-${host}`,
      summary:
        alertname === 'UpstreamTimeout'
          ? `${service} sees timeouts calling ${service === api ? domain : db}`
          : undefined,
    });
  return [
    on(1, 'HighLatencyP95', db, 30, 'a'),
    on(2, 'DatabaseConnectionsSaturated', db, 50, 'a'),
    on(3, 'DatabaseConnectionsSaturated', db, 60, 'b'),
    on(4, 'UpstreamTimeout', domain, 90, 'a'),
    on(5, 'HighErrorRate', domain, 100, 'b'),
    on(6, 'UpstreamTimeout', api, 150, 'a'),
    on(7, 'HighLatencyP95', api, 160, 'b'),
  ];
}
