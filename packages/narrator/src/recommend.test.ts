import { describe, expect, it } from 'vitest';
import type { AlertFact, IncidentFacts } from './facts.ts';
import { dbSaturation } from './fixtures.ts';
import { recommendActions } from './recommend.ts';

const alert = (alertname: string, service: string, minute = 0): AlertFact => ({
  alertname,
  service,
  severity: 'critical',
  startsAt: `2026-01-05T10:${String(minute).padStart(2, '0')}:00.000Z`,
});

const facts = (alerts: AlertFact[], overrides: Partial<IncidentFacts> = {}): IncidentFacts => ({
  ...dbSaturation,
  services: ['api', 'payments', 'orders-db', 'eu-edge'],
  suspectedRoot: { service: 'payments', confidence: 0.7, reason: 'first to alert' },
  alerts,
  ...overrides,
});

const kinds = (f: IncidentFacts) => recommendActions(f).map((a) => `${a.kind}@${a.service}`);

describe('recommendActions', () => {
  it('maps alert names to their runbook actions, undoing a change first', () => {
    const f = facts([
      alert('MemoryPressure', 'api', 1),
      alert('DiskWillFillSoon', 'orders-db', 2),
      alert('CrossRegionUnreachable', 'eu-edge', 3),
      alert('DeploymentRegression', 'payments', 4),
    ]);
    expect(kinds(f)).toEqual([
      'rollback_deploy@payments',
      'failover_region@eu-edge',
      'free_disk@orders-db',
      'restart_service@api',
    ]);
  });

  it('scales out the suspected root when database connections saturate', () => {
    const f = facts([alert('DatabaseConnectionsSaturated', 'api')], {
      suspectedRoot: { service: 'orders-db', confidence: 0.9, reason: 'saturated' },
    });
    expect(kinds(f)).toEqual(['scale_out@orders-db']);
  });

  it('never recommends a kind missing from the catalog', () => {
    const f = facts([alert('DeploymentRegression', 'payments'), alert('MemoryPressure', 'api')], {
      runbookCatalog: ['restart_service'],
    });
    expect(kinds(f)).toEqual(['restart_service@api']);
  });

  it('uses the catalog spelling when kinds carry a prefix', () => {
    const f = facts([alert('MemoryPressure', 'api')], { runbookCatalog: ['task.restart_service'] });
    expect(kinds(f)).toEqual(['task.restart_service@api']);
  });

  it('skips what has been done and retries what failed', () => {
    const f = facts([alert('MemoryPressure', 'api'), alert('DeploymentRegression', 'payments')], {
      actions: [
        { kind: 'restart_service', service: 'api', status: 'succeeded' },
        { kind: 'rollback_deploy', service: 'payments', status: 'failed' },
      ],
    });
    expect(kinds(f)).toEqual(['rollback_deploy@payments']);
  });

  it('recommends nothing for symptoms alone', () => {
    expect(kinds(facts([alert('HighLatencyP95', 'api'), alert('UpstreamTimeout', 'api')]))).toEqual(
      [],
    );
  });
});
