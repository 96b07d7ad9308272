import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IncidentFacts } from './facts.ts';
import { CATALOG, dbSaturation } from './fixtures.ts';
import { narrateTemplate, TemplateNarrator } from './template.ts';

const ALERT_NAMES = [
  'DatabaseConnectionsSaturated',
  'DeploymentRegression',
  'MemoryPressure',
  'DiskWillFillSoon',
  'DiskFull',
  'CrossRegionUnreachable',
  'QueueBacklog',
  'HighCPU',
  'HighLatencyP95',
  'UpstreamTimeout',
];
const SERVICES = ['checkout', 'orders', 'orders-db', 'payments', 'search'];

const arbitraryFacts: fc.Arbitrary<IncidentFacts> = fc.record({
  id: fc.constant('INC-000001'),
  title: fc.string(),
  severity: fc.constantFrom('critical', 'high', 'medium', 'low'),
  status: fc.constantFrom('open', 'acknowledged', 'mitigating', 'resolved', 'escalated'),
  services: fc.uniqueArray(fc.constantFrom(...SERVICES)),
  suspectedRoot: fc.option(
    fc.record({
      service: fc.constantFrom(...SERVICES),
      confidence: fc.double({ min: 0, max: 1, noNaN: true }),
      reason: fc.string(),
    }),
  ),
  alertCount: fc.nat({ max: 100_000 }),
  alerts: fc.array(
    fc.record({
      alertname: fc.constantFrom(...ALERT_NAMES),
      service: fc.constantFrom(...SERVICES),
      severity: fc.constantFrom('critical', 'warning'),
      startsAt: fc
        .integer({ min: 0, max: 3600 })
        .map((s) => new Date(Date.UTC(2026, 0, 5, 10) + s * 1000).toISOString()),
    }),
    { maxLength: 30 },
  ),
  timeline: fc.constant([]),
  actions: fc.array(
    fc.record({
      kind: fc.constantFrom(...CATALOG),
      service: fc.constantFrom(...SERVICES),
      status: fc.constantFrom('succeeded', 'failed', 'running'),
    }),
    { maxLength: 3 },
  ),
  runbookCatalog: fc.subarray(CATALOG),
});

describe('narrateTemplate', () => {
  it('names the suspected root, its confidence and its reason', () => {
    const { rootCause } = narrateTemplate(dbSaturation);
    expect(rootCause).toBe(
      'Suspected root: orders-db (confidence 82%) — its alert fired first and checkout and orders depend on it',
    );
  });

  it('says what, where, since when and what was done', () => {
    const { summary } = narrateTemplate({
      ...dbSaturation,
      actions: [{ kind: 'restart_service', service: 'orders', status: 'failed' }],
    });
    expect(summary).toBe(
      'INC-000042 (critical, open): Checkout errors and latency. 3 alerts across 3 services ' +
        '(checkout, orders and orders-db) since 2026-01-05T10:02:00.000Z, first ' +
        'DatabaseConnectionsSaturated on orders-db. Actions so far: restart_service on orders (failed).',
    );
  });

  it('recommends scaling out the saturated database', () => {
    const { recommendedActions, source } = narrateTemplate(dbSaturation);
    expect(source).toBe('template');
    expect(recommendedActions).toEqual([
      { kind: 'scale_out', service: 'orders-db', why: expect.stringContaining('connections') },
    ]);
  });

  it('says plainly when there is no suspected root yet', () => {
    const { rootCause } = narrateTemplate({ ...dbSaturation, suspectedRoot: null });
    expect(rootCause).toBe(
      'No suspected root yet; the earliest alert is DatabaseConnectionsSaturated on orders-db.',
    );
  });

  it('gives the same text for the same facts, whatever the order of the alerts', () => {
    fc.assert(
      fc.property(arbitraryFacts, (facts) => {
        const reversed = { ...facts, alerts: [...facts.alerts].reverse() };
        expect(narrateTemplate(reversed)).toEqual(narrateTemplate(facts));
      }),
    );
  });

  it('only recommends action kinds of the catalog, on services of the incident', () => {
    fc.assert(
      fc.property(arbitraryFacts, (facts) => {
        for (const action of narrateTemplate(facts).recommendedActions) {
          expect(facts.runbookCatalog).toContain(action.kind);
          expect(facts.services).toContain(action.service);
        }
      }),
    );
  });

  it('is what the template narrator answers', async () => {
    expect(await new TemplateNarrator().narrate(dbSaturation)).toEqual(
      narrateTemplate(dbSaturation),
    );
  });
});
