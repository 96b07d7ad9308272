import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlertCorrelator } from './correlator.ts';
import { alert, at, dbCascade, estate } from './test-estate.ts';

const groups = (c: AlertCorrelator, ids: readonly string[]): string[][] => {
  const byKey = new Map<string, string[]>();
  for (const id of ids) {
    const key = c.keyOf(id) ?? `missing:${id}`;
    byKey.set(key, [...(byKey.get(key) ?? []), id]);
  }
  return [...byKey.values()]
    .map((g) => g.sort())
    .sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));
};

describe('AlertCorrelator', () => {
  it('merges a cascade from a saturated database into one incident rooted at the database', () => {
    const c = new AlertCorrelator({ topology: estate });
    const storm = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    const placements = storm.map((a) => c.add(a));
    expect(placements[0]).toEqual({ incidentKey: 'A-1', created: true, mergedKeys: [] });
    expect(new Set(placements.map((p) => p.incidentKey))).toEqual(new Set(['A-1']));
    const incident = c.assess('A-1');
    expect(incident.suspectedRoot.service).toBe('orders-db');
    expect(incident.services).toEqual(['orders-db', 'orders', 'checkout-api']);
    expect(incident.alertIds).toEqual(storm.map((a) => a.id));
    expect(incident.severity).toBe('critical');
    expect(incident.title).toBe('DatabaseConnectionsSaturated on orders-db affecting 3 services');
  });

  it('gives the suspected root a confidence and a one-line reason in operator words', () => {
    const c = new AlertCorrelator({ topology: estate });
    for (const a of dbCascade('A', 'orders-db', 'orders', 'checkout-api')) c.add(a);
    const { suspectedRoot } = c.assess('A-1');
    expect(suspectedRoot.confidence).toBeGreaterThan(0.5);
    expect(suspectedRoot.confidence).toBeLessThanOrEqual(1);
    expect(suspectedRoot.reason).toBe(
      'orders-db alerted first (DatabaseConnectionsSaturated) and 2 of 2 other alerting services depend on it',
    );
    expect(suspectedRoot.reason).not.toContain('\n');
  });

  it('keeps two unrelated simultaneous faults apart', () => {
    const c = new AlertCorrelator({ topology: estate });
    const orders = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    const catalog = dbCascade('B', 'catalog-db', 'catalog', 'search-api', 5);
    const interleaved = orders.flatMap((a, i) => [a, catalog[i]]).filter((a) => a !== undefined);
    for (const a of interleaved) c.add(a);
    expect(
      groups(
        c,
        interleaved.map((a) => a.id),
      ),
    ).toEqual([orders.map((a) => a.id).sort(), catalog.map((a) => a.id).sort()]);
    expect(c.assess('B-1').suspectedRoot.service).toBe('catalog-db');
  });

  it('lets a caller hurt by two faults join one of them without bridging the two', () => {
    const c = new AlertCorrelator({ topology: estate });
    const orders = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    const catalog = dbCascade('B', 'catalog-db', 'catalog', 'search-api');
    for (const a of [...orders, ...catalog]) c.add(a);
    const edge = c.add(
      alert({ id: 'E-1', alertname: 'HighErrorRate', service: 'web-gateway', start: 200 }),
    );
    expect(edge.mergedKeys).toEqual([]);
    expect(c.keyOf('A-1')).not.toBe(c.keyOf('B-1'));
  });

  it('keeps a flapping series in one small incident that does not join a storm', () => {
    const c = new AlertCorrelator({ topology: estate });
    for (const a of dbCascade('A', 'orders-db', 'orders', 'checkout-api')) c.add(a);
    const flaps = [95, 125, 150, 185].map((start, i) =>
      alert({
        id: `F-${i}`,
        alertname: 'HealthCheckFlapping',
        service: 'orders',
        start,
        host: 'orders-a',
        severity: 'warning',
      }),
    );
    for (const f of flaps) {
      c.add(f);
      c.resolve(f.id, at(Date.parse(f.startsAt) / 1000 - Date.parse(at(0)) / 1000 + 20));
    }
    expect(new Set(flaps.map((f) => c.keyOf(f.id)))).toEqual(new Set(['F-0']));
    expect(c.assess('F-0').alertIds).toHaveLength(4);
    expect(c.assess('A-1').alertIds).toHaveLength(7);
  });

  it('rejoins a re-fire of a recently resolved fingerprint and attaches late alerts', () => {
    const c = new AlertCorrelator({ topology: estate });
    const storm = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    for (const a of storm) c.add(a);
    c.resolve('A-5', at(130));
    const again = {
      ...alert({
        id: 'A-5b',
        alertname: 'HighErrorRate',
        service: 'orders',
        start: 250,
        host: 'orders-b',
      }),
    };
    expect(again.fingerprint).toBe(storm[4]?.fingerprint);
    expect(c.add(again).incidentKey).toBe('A-1');
    const late = alert({
      id: 'A-8',
      alertname: 'HighLatencyP95',
      service: 'orders',
      start: 270,
      host: 'orders-c',
    });
    expect(c.add(late)).toEqual({ incidentKey: 'A-1', created: false, mergedKeys: [] });
    expect(c.add(late)).toEqual({ incidentKey: 'A-1', created: false, mergedKeys: [] });
  });

  it('folds incidents together when a dependency they both call turns out to be failing', () => {
    const c = new AlertCorrelator({ topology: estate });
    // Two callers of payments alert first; nothing links them to each other yet.
    const checkout = c.add(
      alert({ id: 'C-1', alertname: 'HighLatencyP95', service: 'checkout-api', start: 0 }),
    );
    const search = c.add(
      alert({ id: 'C-2', alertname: 'HighErrorRate', service: 'search-api', start: 5 }),
    );
    expect([checkout.created, search.created]).toEqual([true, true]);
    const leak = c.add(
      alert({ id: 'P-1', alertname: 'MemoryPressure', service: 'payments', start: 20 }),
    );
    expect(leak).toEqual({ incidentKey: 'C-1', created: false, mergedKeys: ['C-2'] });
    expect(c.keyOf('C-2')).toBe('C-1');
    expect(c.incidentCount).toBe(1);
    expect(c.assess('C-1').suspectedRoot.service).toBe('payments');
  });

  it('forgets incidents once all their alerts resolved, so memory stays bounded', () => {
    const c = new AlertCorrelator({ topology: estate });
    const storm = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    const flap = alert({
      id: 'F-1',
      alertname: 'HealthCheckFlapping',
      service: 'reports',
      start: 0,
    });
    for (const a of [...storm, flap]) c.add(a);
    expect([c.alertCount, c.incidentCount]).toEqual([8, 2]);
    c.resolve('F-1', at(30));
    expect(c.forget(at(60))).toEqual(['F-1']);
    expect(c.forget(at(60))).toEqual([]);
    for (const a of storm.slice(0, -1)) c.resolve(a.id, at(300));
    expect(c.forget(at(3600))).toEqual([]);
    c.resolve('A-7', at(310));
    expect(c.forget(at(305))).toEqual([]);
    expect(c.forget(at(3600))).toEqual(['A-1']);
    expect([c.alertCount, c.incidentCount]).toEqual([0, 0]);
    expect(c.keyOf('A-1')).toBeUndefined();
    expect(() => c.assess('A-1')).toThrow(RangeError);
    // The next storm on the same fingerprints starts afresh.
    expect(c.add(storm[0] ?? flap).created).toBe(true);
  });

  it('stays bounded over a long run when forget is called as time passes', () => {
    const c = new AlertCorrelator({ topology: estate });
    for (let hour = 0; hour < 48; hour++) {
      const storm = dbCascade(`H${hour}`, 'orders-db', 'orders', 'checkout-api', hour * 3600);
      for (const a of storm) c.add(a);
      for (const a of storm) c.resolve(a.id, at(hour * 3600 + 600));
      c.forget(at(hour * 3600 - 1800));
    }
    expect(c.incidentCount).toBeLessThanOrEqual(2);
    expect(c.alertCount).toBeLessThanOrEqual(14);
  });

  it('restores incidents after a restart and keeps placing alerts into them', () => {
    const before = new AlertCorrelator({ topology: estate });
    const storm = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    for (const a of storm) before.add(a);
    const after = new AlertCorrelator({ topology: estate });
    after.restore(storm, () => 'INC-000007');
    expect(after.assess('INC-000007').suspectedRoot.service).toBe('orders-db');
    const late = alert({
      id: 'A-9',
      alertname: 'UpstreamTimeout',
      service: 'web-gateway',
      start: 200,
      summary: 'web-gateway sees timeouts calling checkout-api',
    });
    expect(after.add(late)).toEqual({ incidentKey: 'INC-000007', created: false, mergedKeys: [] });
  });

  it('gives the same incidents for the same alerts in the same order', () => {
    const services = estate.services.map((s) => s.id);
    const names = [
      'HighLatencyP95',
      'HighErrorRate',
      'UpstreamTimeout',
      'DatabaseConnectionsSaturated',
      'MemoryPressure',
      'HealthCheckFlapping',
    ];
    const spec = fc.array(
      fc.record({
        service: fc.constantFrom(...services),
        alertname: fc.constantFrom(...names),
        start: fc.integer({ min: 0, max: 1800 }),
        host: fc.constantFrom('a', 'b'),
      }),
      { minLength: 1, maxLength: 40 },
    );
    fc.assert(
      fc.property(spec, (specs) => {
        const alerts = specs.map((s, i) =>
          alert({ ...s, id: `R-${i}`, host: `${s.service}-${s.host}` }),
        );
        const run = () => {
          const c = new AlertCorrelator({ topology: estate });
          const placements = alerts.map((a) => c.add(a));
          return {
            placements,
            groups: groups(
              c,
              alerts.map((a) => a.id),
            ),
          };
        };
        expect(run()).toEqual(run());
      }),
      { numRuns: 50 },
    );
  });

  it('merges a cascade into one incident whatever order its alerts arrive in', () => {
    const storm = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    fc.assert(
      fc.property(fc.shuffledSubarray(storm, { minLength: storm.length }), (shuffled) => {
        const c = new AlertCorrelator({ topology: estate });
        for (const a of shuffled) c.add(a);
        expect(c.incidentCount).toBe(1);
        const key = c.keyOf('A-1') ?? '';
        expect(c.assess(key).suspectedRoot.service).toBe('orders-db');
      }),
      { numRuns: 100 },
    );
  });
});

describe('AlertCorrelator under concurrent faults', () => {
  const errors = (id: string, service: string, start: number, summary?: string) =>
    alert({ id, alertname: 'HighErrorRate', service, start, summary });

  it('opens its own incident for a new fault on an already-alerting service', () => {
    const c = new AlertCorrelator({ topology: estate });
    // orders-db saturates; orders and checkout-api time out on it.
    for (const a of dbCascade('A', 'orders-db', 'orders', 'checkout-api')) c.add(a);
    // Minutes later orders ships a bad release: its own trouble, not the database's.
    const deploy = c.add(
      alert({ id: 'B-1', alertname: 'DeploymentRegression', service: 'orders', start: 400 }),
    );
    expect(deploy.created).toBe(true);
    // Its symptoms follow the release, not the older storm that still fires on orders.
    expect(c.add(errors('B-2', 'orders', 410)).incidentKey).toBe('B-1');
    expect(c.add(errors('B-3', 'checkout-api', 450)).incidentKey).toBe('B-1');
    expect(c.assess('B-1').suspectedRoot.service).toBe('orders');
    expect(c.assess('A-1').alertIds).toHaveLength(7);
  });

  it('keeps the root’s own later symptoms with its incident over a fresher cascade', () => {
    const c = new AlertCorrelator({ topology: estate });
    // payments leaks memory; then payments-db saturates under it.
    c.add(alert({ id: 'P-1', alertname: 'MemoryPressure', service: 'payments', start: 0 }));
    c.add(
      alert({
        id: 'D-1',
        alertname: 'DatabaseConnectionsSaturated',
        service: 'payments-db',
        start: 100,
      }),
    );
    // payments gets slower: the leak it already had, not (yet) the database.
    const slow = c.add(
      alert({ id: 'P-2', alertname: 'HighLatencyP95', service: 'payments', start: 110 }),
    );
    expect(slow.incidentKey).toBe('P-1');
    expect(c.keyOf('D-1')).toBe('D-1');
  });

  it('keeps two faults apart that reach the same edge gateway', () => {
    const c = new AlertCorrelator({ topology: estate });
    const orders = dbCascade('A', 'orders-db', 'orders', 'checkout-api');
    for (const a of orders) c.add(a);
    // The gateway starts failing with the first storm, and keeps firing.
    c.add(errors('A-8', 'web-gateway', 200, 'web-gateway sees timeouts calling checkout-api'));
    // Three minutes on, catalog-db saturates and the same gateway hurts again, via search-api.
    const catalog = dbCascade('B', 'catalog-db', 'catalog', 'search-api', 180);
    for (const a of catalog) c.add(a);
    const edge = c.add(
      alert({ id: 'B-8', alertname: 'HighLatencyP95', service: 'web-gateway', start: 500 }),
    );
    expect(new Set(catalog.map((a) => c.keyOf(a.id)))).toEqual(new Set(['B-1']));
    // Not "the gateway is still alerting, so it is the first storm": that one is long past.
    expect(edge).toEqual({ incidentKey: 'B-1', created: false, mergedKeys: [] });
    expect(c.keyOf('A-8')).toBe('A-1');
    expect(c.assess('A-1').suspectedRoot.service).toBe('orders-db');
    expect(c.assess('B-1').suspectedRoot.service).toBe('catalog-db');
  });

  it('does not let a callee’s new fault join a caller’s own incident', () => {
    const c = new AlertCorrelator({ topology: estate });
    // checkout-api ships a bad release; its errors climb.
    c.add(
      alert({ id: 'C-1', alertname: 'DeploymentRegression', service: 'checkout-api', start: 0 }),
    );
    c.add(errors('C-2', 'checkout-api', 60));
    // payments, which checkout-api calls, then leaks memory on its own: a second problem.
    const leak = c.add(
      alert({ id: 'P-1', alertname: 'MemoryPressure', service: 'payments', start: 100 }),
    );
    expect(leak).toEqual({ incidentKey: 'P-1', created: true, mergedKeys: [] });
    expect(c.assess('C-1').suspectedRoot.service).toBe('checkout-api');
    // A caller merely slowed by an older victim's dependency is still explained by its root.
    const late = c.add(errors('C-3', 'web-gateway', 110));
    expect(late.incidentKey).toBe('C-1');
  });

  it('opens a new incident for alerts that start well after an incident’s span', () => {
    const c = new AlertCorrelator({ topology: estate, spanMs: 5 * 60_000 });
    for (const a of dbCascade('A', 'orders-db', 'orders', 'checkout-api')) c.add(a);
    // checkout-api still fires from the storm; a slowdown seven minutes on is something new.
    const late = c.add(
      alert({ id: 'L-1', alertname: 'HighLatencyP95', service: 'checkout-api', start: 450 }),
    );
    expect(late.created).toBe(true);
    // Within the span, the same service's late symptoms still attach.
    const c2 = new AlertCorrelator({ topology: estate });
    for (const a of dbCascade('A', 'orders-db', 'orders', 'checkout-api')) c2.add(a);
    const still = c2.add(
      alert({ id: 'L-2', alertname: 'HighErrorRate', service: 'checkout-api', start: 280 }),
    );
    expect(still.incidentKey).toBe('A-1');
  });
});
