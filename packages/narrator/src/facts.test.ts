import type { Alert, Incident } from '@watchfloor/domain';
import { describe, expect, it } from 'vitest';
import { factsFromIncident, MAX_ALERTS, MAX_TIMELINE } from './facts.ts';
import { narrateTemplate } from './template.ts';

const at = (minute: number) => new Date(Date.UTC(2026, 0, 5, 10, minute)).toISOString();

const incident: Incident = {
  id: 'INC-000007',
  title: 'Payments latency',
  status: 'open',
  severity: 'high',
  alertIds: [],
  alertCount: 25_000,
  services: ['payments'],
  suspectedRoot: { service: 'payments', confidence: 0.6, reason: 'only service alerting' },
  groupKey: 'payments',
  timeline: Array.from({ length: 40 }, (_, i) => ({
    at: at(i),
    kind: 'alert' as const,
    message: `alert ${i}`,
    actor: 'alertops',
  })),
  createdAt: at(0),
  updatedAt: at(40),
  acknowledgedAt: null,
  resolvedAt: null,
  narrative: null,
};

const alert = (i: number): Alert => ({
  id: `ALT-${i}`,
  fingerprint: `fp-${i}`,
  status: 'firing',
  labels: { alertname: 'HighLatencyP95', service: 'payments', severity: 'warning' },
  annotations: {},
  startsAt: at(i % 60),
  endsAt: null,
  receivedAt: at(i % 60),
  source: 'simulator',
  incidentId: 'INC-000007',
});

describe('factsFromIncident', () => {
  it('keeps the first alerts and the latest timeline entries, within bounds', () => {
    const alerts = Array.from({ length: 100 }, (_, i) => alert(i));
    const facts = factsFromIncident(incident, alerts, [], ['restart_service']);
    expect(facts.alerts).toHaveLength(MAX_ALERTS);
    expect(facts.alerts[0]).toEqual({
      alertname: 'HighLatencyP95',
      service: 'payments',
      severity: 'warning',
      startsAt: at(0),
    });
    expect(facts.timeline).toHaveLength(MAX_TIMELINE);
    expect(facts.timeline.at(-1)).toEqual({ at: at(39), kind: 'alert', message: 'alert 39' });
    expect(facts.runbookCatalog).toEqual(['restart_service']);
  });

  it('counts every alert of the incident, not only those it describes', () => {
    const facts = factsFromIncident(incident, [alert(0)], [], []);
    expect(facts.alertCount).toBe(25_000);
    expect(narrateTemplate(facts).summary).toContain('25000 alerts across 1 service');
  });
});
