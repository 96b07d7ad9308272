import { describe, expect, it } from 'vitest';
import {
  boundAlertIds,
  FIRST_ALERT_IDS,
  Incident,
  IncidentSummary,
  LATEST_ALERT_IDS,
  MAX_ALERT_IDS,
  SUMMARY_SERVICES,
  summarizeIncident,
  upgradeIncident,
} from './incident.ts';

const ids = (n: number) => Array.from({ length: n }, (_, i) => `ALR-${i}`);

const incident = (services: number, alerts: number): Incident =>
  Incident.parse({
    id: 'INC-000001',
    title: 'cascade',
    status: 'open',
    severity: 'high',
    alertIds: boundAlertIds(ids(alerts)),
    alertCount: alerts,
    services: Array.from({ length: services }, (_, i) => `svc-${i}`),
    suspectedRoot: { service: 'svc-0', confidence: 0.9, reason: 'long reasoning '.repeat(20) },
    groupKey: 'g',
    timeline: Array.from({ length: alerts }, () => ({
      at: '2026-01-05T09:00:00.000Z',
      kind: 'alert',
      message: 'another alert',
    })),
    createdAt: '2026-01-05T09:00:00.000Z',
    updatedAt: '2026-01-05T09:05:00.000Z',
    acknowledgedAt: null,
    resolvedAt: null,
    narrative: null,
  });

describe('summarizeIncident', () => {
  it('keeps a list row the same size however large the incident grows', () => {
    const small = JSON.stringify(summarizeIncident(incident(40, 2)));
    const large = JSON.stringify(summarizeIncident(incident(40, 5_000)));
    expect(large.length).toBe(small.length + 3); // only the count's digits differ
  });

  it('names the first services and counts them all', () => {
    const summary = IncidentSummary.parse(summarizeIncident(incident(40, 3)));
    expect(summary.services).toHaveLength(SUMMARY_SERVICES);
    expect(summary.services[0]).toBe('svc-0');
    expect(summary).toMatchObject({ serviceCount: 40, alertCount: 3 });
    expect(summary.suspectedRoot).toEqual({ service: 'svc-0', confidence: 0.9 });
  });
});

describe('alert ids an incident keeps', () => {
  it('keeps every id up to the bound, then the first and the latest', () => {
    expect(boundAlertIds(ids(MAX_ALERT_IDS))).toEqual(ids(MAX_ALERT_IDS));
    const kept = boundAlertIds(ids(30_000));
    expect(kept).toHaveLength(MAX_ALERT_IDS);
    expect(kept.slice(0, FIRST_ALERT_IDS)).toEqual(ids(FIRST_ALERT_IDS));
    expect(kept.slice(FIRST_ALERT_IDS)).toEqual(ids(30_000).slice(-LATEST_ALERT_IDS));
  });

  it('refuses a record with more ids than the bound', () => {
    const record = { ...incident(1, 1), alertIds: ids(MAX_ALERT_IDS + 1) };
    expect(Incident.safeParse(record).success).toBe(false);
  });

  it('reads a record stored before alertCount existed: counted from its ids, ids bounded', () => {
    const { alertCount: _, ...old } = { ...incident(1, 1), alertIds: ids(25_000) };
    const upgraded = upgradeIncident(old as Incident);
    expect(upgraded.alertCount).toBe(25_000);
    expect(Incident.safeParse(upgraded).success).toBe(true);
    const current = incident(1, 3);
    expect(upgradeIncident(current)).toBe(current);
  });
});
