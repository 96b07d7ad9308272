import { describe, expect, it } from 'vitest';
import { toAlertNode } from './alert-node.ts';
import { DependencyIndex } from './dependency-index.ts';
import { alert, at, estate } from './test-estate.ts';

const deps = new DependencyIndex(estate, 3);

describe('toAlertNode', () => {
  it('keeps the labels the correlator reasons on, with times as epoch milliseconds', () => {
    const node = toAlertNode(
      alert({ id: 'a', alertname: 'HighCPU', service: 'orders', start: 30, severity: 'warning' }),
      deps,
      4,
    );
    expect(node).toMatchObject({
      id: 'a',
      alertname: 'HighCPU',
      service: 'orders',
      host: 'orders-1',
      severity: 'warning',
      kind: 'origin',
      onset: Date.parse(at(30)),
      endedAt: null,
      upstream: null,
      seq: 4,
    });
  });

  it('reads the failing dependency a timeout names, only among the service’s own callees', () => {
    const named = (summary: string) =>
      toAlertNode(
        alert({
          id: 'a',
          alertname: 'UpstreamTimeout',
          service: 'checkout-api',
          start: 0,
          summary,
        }),
        deps,
        0,
      ).upstream;
    expect(named('checkout-api sees timeouts calling payments')).toBe('payments');
    expect(named('checkout-api sees timeouts calling payments-db')).toBeNull();
    expect(named('checkout-api sees timeouts calling its dependencies')).toBeNull();
  });

  it('takes the end time of an alert that arrives already resolved', () => {
    const resolved = {
      ...alert({ id: 'a', alertname: 'HighCPU', service: 'orders', start: 0 }),
      status: 'resolved' as const,
      endsAt: at(90),
    };
    expect(toAlertNode(resolved, deps, 0).endedAt).toBe(Date.parse(at(90)));
  });
});
