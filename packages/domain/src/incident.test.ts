import { describe, expect, it } from 'vitest';
import { Incident, IncidentSummary, SUMMARY_SERVICES, summarizeIncident } from './incident.ts';

const incident = (services: number, alerts: number): Incident =>
  Incident.parse({
    id: 'INC-000001',
    title: 'cascade',
    status: 'open',
    severity: 'high',
    alertIds: Array.from({ length: alerts }, (_, i) => `ALR-${i}`),
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
