import { describe, expect, it } from 'vitest';
import { toAlertNode } from './alert-node.ts';
import { DependencyIndex } from './dependency-index.ts';
import { suspectRoot } from './suspected-root.ts';
import { type AlertSpec, alert, dbCascade, estate } from './test-estate.ts';

const deps = new DependencyIndex(estate, 3);
const nodes = (specs: readonly AlertSpec[]) => specs.map((s, i) => toAlertNode(alert(s), deps, i));

describe('suspectRoot', () => {
  it('picks the most downstream alerting service with an origin symptom', () => {
    const storm = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    const root = suspectRoot(
      storm.map((a, i) => toAlertNode(a, deps, i)),
      deps,
    );
    expect(root).toMatchObject({ service: 'orders-db', alerting: true });
    expect(root.confidence).toBeGreaterThan(0.6);
  });

  it('names a silent dependency that the callers report unreachable', () => {
    const root = suspectRoot(
      nodes([
        {
          id: 'a',
          alertname: 'CrossRegionUnreachable',
          service: 'checkout-api',
          start: 0,
          summary: 'checkout-api cannot reach payments across regions',
        },
        {
          id: 'b',
          alertname: 'CrossRegionUnreachable',
          service: 'search-api',
          start: 10,
          summary: 'search-api cannot reach payments across regions',
        },
        { id: 'c', alertname: 'HighErrorRate', service: 'web-gateway', start: 40 },
      ]),
      deps,
    );
    expect(root.service).toBe('payments');
    expect(root.alerting).toBe(false);
    expect(root.reason).toBe(
      'payments raised no alert, but calls to it fail from 2 of 3 alerting services (CrossRegionUnreachable)',
    );
  });

  it('explains a single-service incident plainly', () => {
    const root = suspectRoot(
      nodes([
        { id: 'a', alertname: 'HealthCheckFlapping', service: 'orders', start: 0 },
        { id: 'b', alertname: 'HealthCheckFlapping', service: 'orders', start: 60 },
      ]),
      deps,
    );
    expect(root.service).toBe('orders');
    expect(root.reason).toBe('orders is the only alerting service (HealthCheckFlapping, 2 alerts)');
    expect(root.confidence).toBeGreaterThan(0);
    expect(root.confidence).toBeLessThanOrEqual(1);
  });
});
