import { describe, expect, it } from 'vitest';
import { toAlertNode } from './alert-node.ts';
import { assess } from './assessment.ts';
import { DependencyIndex } from './dependency-index.ts';
import { alert } from './test-estate.ts';

const deps = new DependencyIndex({ regions: [], services: [], hosts: [] }, 3);

describe('assess', () => {
  it('describes an incident: title, severity, services by onset, alerts by arrival', () => {
    const nodes = [
      alert({
        id: 'b',
        alertname: 'HighErrorRate',
        service: 'shop',
        start: 60,
        severity: 'warning',
      }),
      alert({ id: 'a', alertname: 'HighCPU', service: 'shop', start: 0, severity: 'warning' }),
    ].map((a, i) => toAlertNode(a, deps, i));
    expect(assess(nodes, deps)).toMatchObject({
      title: 'HighCPU on shop',
      severity: 'medium',
      services: ['shop'],
      alertIds: ['b', 'a'],
      alertCount: 2,
      suspectedRoot: { service: 'shop' },
    });
  });
});
