import {
  type Alert,
  boundAlertIds,
  type Incident,
  MAX_ALERT_IDS,
  upgradeIncident,
} from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import {
  absorb,
  acknowledge,
  alertMembers,
  alertResolved,
  attachAlert,
  type IncidentShape,
  openIncident,
  rememberAlerts,
} from './incidents.ts';
import { LISTED_ALERT_EVENTS } from './timeline.ts';

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
  alertCount: alertIds.length,
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

  it('lists a storm’s first alerts one by one and counts the rest in one entry naming the latest', () => {
    let incident = openIncident('INC-1', 'k', shape(['a'], ['ALT-0']), alert('ALT-0', 'a'), at);
    const ids = ['ALT-0'];
    for (let n = 1; n < 500; n++) {
      ids.push(`ALT-${n}`);
      incident = attachAlert(incident, shape(['a'], [...ids]), alert(`ALT-${n}`, 'a'), at);
    }
    const arrivals = incident.timeline.filter((t) => t.kind === 'alert');
    expect(arrivals).toHaveLength(LISTED_ALERT_EVENTS + 1);
    expect(arrivals[LISTED_ALERT_EVENTS - 1]?.message).toMatch(/^ALT-19 HighErrorRate firing/);
    expect(arrivals.at(-1)?.message).toMatch(/^\+480 more; latest ALT-499 HighErrorRate firing/);
    expect(incident.timeline.at(-1)).toBe(arrivals.at(-1));
    expect(incident.alertIds).toEqual(boundAlertIds(ids));
    expect(incident.alertCount).toBe(500);
    for (let n = 0; n < 30; n++) incident = alertResolved(incident, alert(`ALT-${n}`, 'a'), at, 1);
    const clears = incident.timeline.filter((t) => t.kind === 'alert_resolved');
    expect(clears).toHaveLength(LISTED_ALERT_EVENTS + 1);
    expect(clears.at(-1)?.message).toBe('+10 more; latest ALT-29 HighErrorRate resolved');
  });

  it('keeps every alert id once, in arrival order, whichever version of an incident it grows from', () => {
    const opened = openIncident('INC-1', 'k', shape(['a'], ['ALT-1']), alert('ALT-1', 'a'), at);
    const two = attachAlert(opened, shape(['a'], ['ALT-1', 'ALT-2']), alert('ALT-2', 'a'), at);
    const three = attachAlert(two, shape(['a'], ['ALT-3', 'ALT-1']), alert('ALT-3', 'a'), at);
    expect(three.alertIds).toEqual(['ALT-1', 'ALT-2', 'ALT-3']);
    // An older version grows on its own, from what it held, not what a newer version holds.
    const older = shape(['a'], ['ALT-1', 'ALT-2', 'ALT-3', 'ALT-4']);
    const other = attachAlert(two, older, alert('ALT-4', 'a'), at);
    expect(other.alertIds).toEqual(['ALT-1', 'ALT-2', 'ALT-3', 'ALT-4']);
    expect(attachAlert(opened, shape(['a'], []), alert('ALT-5', 'a'), at).alertIds).toEqual([
      'ALT-1',
      'ALT-5',
    ]);
    const merged = absorb(three, other, at).survivor;
    expect(merged.alertIds).toEqual(['ALT-1', 'ALT-2', 'ALT-3', 'ALT-4']);
    expect(merged.alertCount).toBe(4);
  });

  it('keeps the first and latest ids of a storm and counts each alert once, merges included', () => {
    const storm = (from: number, n: number) => {
      let incident = openIncident(
        `INC-${from}`,
        `k${from}`,
        shape(['a'], [`ALT-${from}`]),
        alert(`ALT-${from}`, 'a'),
        at,
      );
      const members = [`ALT-${from}`];
      for (let i = from + 1; i < from + n; i++) {
        // As the correlator hands them: every member so far, then the new one.
        incident = attachAlert(incident, shape(['a'], members), alert(`ALT-${i}`, 'a'), at);
        members.push(`ALT-${i}`);
      }
      return { incident, members };
    };
    const big = storm(0, 5_000);
    expect(big.incident.alertCount).toBe(5_000);
    expect(big.incident.alertIds).toEqual(boundAlertIds(big.members));
    expect(alertMembers(big.incident)).toEqual(big.members);

    const small = storm(10_000, 300);
    // The correlator already put some of the other incident's alerts in the survivor's cluster.
    const both = attachAlert(
      big.incident,
      shape(['a'], [...big.members, ...small.members.slice(0, 50)]),
      alert('ALT-20000', 'a'),
      at,
    );
    expect(both.alertCount).toBe(5_051);
    const { survivor } = absorb(both, small.incident, at);
    expect(survivor.alertCount).toBe(5_000 + 300 + 1);
    expect(survivor.alertIds).toHaveLength(MAX_ALERT_IDS);
    expect(survivor.alertIds.slice(0, 100)).toEqual(big.members.slice(0, 100));
    expect(survivor.alertIds.at(-1)).toBe('ALT-10299');
  });

  it('counts a restored record’s alerts once when they join again', () => {
    const { alertCount: _, ...old } = openIncident(
      'INC-1',
      'k',
      shape(['a'], ['ALT-1']),
      alert('ALT-1', 'a'),
      at,
    );
    // Stored with 1,000 alerts, read back bounded; ALT-500 (not among the kept ids) still fires.
    const all = Array.from({ length: 1_000 }, (_, i) => `ALT-${i}`);
    const restored = upgradeIncident({ ...old, alertIds: all } as Incident);
    rememberAlerts(restored, ['ALT-500']);
    const next = attachAlert(restored, shape(['a'], ['ALT-500']), alert('ALT-1000', 'a'), at);
    expect(next.alertCount).toBe(1_001);
  });
});
