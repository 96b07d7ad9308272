import type { Alert } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import {
  absorb,
  acknowledge,
  alertResolved,
  attachAlert,
  type IncidentShape,
  openIncident,
} from './incidents.ts';

const at = '2026-01-05T00:00:00.000Z';
const alert = (id: string, service: string, severity = 'warning'): Alert => ({
  id,
  fingerprint: id,
  status: 'firing',
  labels: { alertname: 'HighErrorRate', service, severity },
  annotations: {},
  startsAt: at,
  endsAt: null,
  receivedAt: at,
  source: 'api',
  incidentId: null,
});
const shape = (
  services: string[],
  alertIds: string[],
  root = services[0] ?? 'a',
): IncidentShape => ({
  title: `HighErrorRate on ${root}`,
  severity: 'medium',
  services,
  alertIds,
  suspectedRoot: { service: root, confidence: 0.7, reason: 'alerted first' },
});

describe('incident records', () => {
  it('takes services, severity and root from the correlator and keeps every alert id once', () => {
    const opened = openIncident(
      'INC-000001',
      'ALT-1',
      shape(['a'], ['ALT-1']),
      alert('ALT-1', 'a'),
      at,
    );
    const next = attachAlert(
      opened,
      { ...shape(['b', 'a'], ['ALT-1', 'ALT-2'], 'b'), severity: 'critical' },
      alert('ALT-2', 'b'),
      at,
    );
    expect(next.alertIds).toEqual(['ALT-1', 'ALT-2']);
    expect(next.services).toEqual(['b', 'a']);
    expect(next.severity).toBe('critical');
    expect(next.timeline.at(-1)?.message).toContain('Suspected root now b');
  });

  it('folds a merged incident into the survivor and closes it with a pointer', () => {
    const one = openIncident('INC-000001', 'k1', shape(['a'], ['ALT-1']), alert('ALT-1', 'a'), at);
    const two = openIncident('INC-000002', 'k2', shape(['b'], ['ALT-2']), alert('ALT-2', 'b'), at);
    const { survivor, merged } = absorb(one, two, at);
    expect(survivor.alertIds).toEqual(['ALT-1', 'ALT-2']);
    expect(merged.status).toBe('resolved');
    expect(merged.timeline.at(-1)?.message).toContain('INC-000001');
  });

  it('resolves only when no alert still fires', () => {
    const opened = openIncident(
      'INC-000001',
      'k',
      shape(['a'], ['ALT-1']),
      alert('ALT-1', 'a'),
      at,
    );
    expect(alertResolved(opened, alert('ALT-1', 'a'), at, 1).status).toBe('open');
    expect(alertResolved(opened, alert('ALT-1', 'a'), at, 0).status).toBe('resolved');
  });

  it('refuses to acknowledge a resolved incident', () => {
    const opened = openIncident('INC-1', 'k', shape(['a'], ['ALT-1']), alert('ALT-1', 'a'), at);
    const resolved = alertResolved(opened, alert('ALT-1', 'a'), at, 0);
    expect(acknowledge(resolved, at, 'operator')).toEqual({ code: 'already_resolved' });
  });
});
