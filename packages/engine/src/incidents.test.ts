import type { Alert } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import {
  acknowledge,
  alertResolved,
  attachAlert,
  naiveGroupKey,
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

describe('naive incidents', () => {
  it('groups by alert name and service', () => {
    expect(naiveGroupKey(alert('ALT-1', 'a'))).toBe(naiveGroupKey(alert('ALT-2', 'a')));
    expect(naiveGroupKey(alert('ALT-1', 'a'))).not.toBe(naiveGroupKey(alert('ALT-2', 'b')));
  });

  it('raises severity to the worst attached alert and lists each service once', () => {
    const opened = openIncident('INC-000001', alert('ALT-1', 'a'), at);
    expect(opened.severity).toBe('medium');
    const worse = attachAlert(opened, alert('ALT-2', 'a', 'critical'), at);
    expect(worse.severity).toBe('critical');
    expect(worse.services).toEqual(['a']);
    expect(worse.alertIds).toEqual(['ALT-1', 'ALT-2']);
  });

  it('resolves only when no alert still fires', () => {
    const opened = openIncident('INC-000001', alert('ALT-1', 'a'), at);
    expect(alertResolved(opened, alert('ALT-1', 'a'), at, 1).status).toBe('open');
    expect(alertResolved(opened, alert('ALT-1', 'a'), at, 0).status).toBe('resolved');
  });

  it('refuses to acknowledge a resolved incident', () => {
    const resolved = alertResolved(
      openIncident('INC-1', alert('ALT-1', 'a'), at),
      alert('ALT-1', 'a'),
      at,
      0,
    );
    expect(acknowledge(resolved, at, 'operator')).toEqual({ code: 'already_resolved' });
  });
});
