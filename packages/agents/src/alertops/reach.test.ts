import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toAlertNode } from './alert-node.ts';
import { addMember, newCluster } from './cluster.ts';
import { DependencyIndex } from './dependency-index.ts';
import { evidence, evidenceVia, type Judge } from './evidence.ts';
import { linkBetween } from './links.ts';
import { DEFAULT_TUNING } from './options.ts';
import { ceilings, strongestEvidence } from './reach.ts';
import { randomAlert, toNode } from './test-arbitraries.ts';
import { type AlertSpec, alert, estate } from './test-estate.ts';

const tunings = fc.constantFrom(
  DEFAULT_TUNING,
  { ...DEFAULT_TUNING, spanMs: 60_000, windowMs: 120_000 },
  { ...DEFAULT_TUNING, threshold: 0.5, maxHops: 2, sameServiceMs: 10 * 60_000 },
);

/** Two callers of payments, their callers, the callee's database, and an unknown service. */
const near = ['web-gateway', 'checkout-api', 'search-api', 'payments', 'payments-db', 'orders'];
const anywhere = [...near, 'catalog', 'legacy-mainframe'];

/** An incident of random alerts (its root one of them), a new alert, and the judge. */
const scene = fc
  .record({
    members: fc.array(randomAlert(600, near), {
      minLength: 1,
      maxLength: 30,
    }),
    rootAt: fc.nat(),
    node: randomAlert(900, anywhere),
    tuning: tunings,
  })
  .map(({ members, rootAt, node, tuning }) => {
    const deps = new DependencyIndex(estate, tuning.maxHops);
    const nodes = members.map((m, i) => toNode(m, i, deps));
    const [first, ...rest] = nodes;
    if (!first) throw new Error('no members');
    const cluster = newCluster('K', first);
    for (const n of rest) addMember(cluster, n);
    cluster.root = nodes[rootAt % nodes.length] ?? first;
    const judge: Judge = { deps, tuning };
    return { cluster, node: toNode(node, nodes.length, deps), judge };
  });

describe('strongestEvidence', () => {
  it('finds what comparing the new alert with every alert of the incident finds', () => {
    fc.assert(
      fc.property(
        scene,
        fc.constantFrom(0, 0.5, 0.95),
        ({ cluster, node, judge }, floor: number) => {
          const services = judge.deps.neighbourhood(node.service, node.upstream);
          let linear = floor;
          for (const other of cluster.members) {
            if (!services.has(other.service)) continue;
            if (Math.abs(other.onset - node.onset) > judge.tuning.windowMs) continue;
            linear = Math.max(linear, evidenceVia(node, other, cluster, judge));
          }
          expect(strongestEvidence(node, cluster, services, judge, floor)).toBe(linear);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never gets more evidence from an alert than its service’s ceiling', () => {
    fc.assert(
      fc.property(scene, ({ cluster, node, judge }) => {
        const ceilingOf = ceilings(node, cluster, judge);
        for (const other of cluster.members) {
          const part = cluster.parts.get(other.service);
          if (!part) throw new Error('member without a part');
          expect(evidenceVia(node, other, cluster, judge)).toBeLessThanOrEqual(ceilingOf(part));
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('gets no evidence from an incident that started more than spanMs away', () => {
    fc.assert(
      fc.property(scene, ({ cluster, node, judge }) => {
        fc.pre(Math.abs(node.onset - cluster.onset) > judge.tuning.spanMs);
        for (const other of cluster.members) {
          const link = linkBetween(node, other, judge.deps, judge.tuning);
          expect(evidence(node, other, link, cluster, judge)).toBe(0);
        }
      }),
      { numRuns: 500 },
    );
  });

  describe('a new alert on a dependency of the incident’s root', () => {
    const deps = new DependencyIndex(estate, 3);
    const node = (spec: AlertSpec, seq: number) => toAlertNode(alert(spec), deps, seq);
    const incident = (...nodes: ReturnType<typeof node>[]) => {
      const [root, ...rest] = nodes;
      if (!root) throw new Error('no alerts');
      const cluster = newCluster('K', root);
      for (const n of rest) addMember(cluster, n);
      return cluster;
    };
    const caller = { id: 'r', alertname: 'HighLatencyP95', service: 'checkout-api', start: 30 };

    it('can get as much as a full-weight cascade from the caller naming it', () => {
      const judge: Judge = { deps, tuning: DEFAULT_TUNING };
      const naming = {
        id: 'm',
        alertname: 'UpstreamTimeout',
        service: 'checkout-api',
        start: 40,
        summary: 'checkout-api sees timeouts calling payments',
      };
      const cluster = incident(node(caller, 0), node(naming, 1));
      const saturated = node(
        { id: 'n', alertname: 'DatabaseConnectionsSaturated', service: 'payments', start: 0 },
        2,
      );
      const services = deps.neighbourhood(saturated.service, saturated.upstream);
      expect(strongestEvidence(saturated, cluster, services, judge)).toBe(0.98);
      const part = cluster.parts.get('checkout-api');
      if (!part) throw new Error('no part');
      expect(ceilings(saturated, cluster, judge)(part)).toBe(0.98);
    });

    it('gets at least 0.9 when it explains the root, however weak its link', () => {
      const judge: Judge = { deps, tuning: { ...DEFAULT_TUNING, threshold: 0.5 } };
      const cluster = incident(node(caller, 0));
      const odd = node({ id: 'n', alertname: 'SomethingOdd', service: 'payments', start: 0 }, 1);
      const services = deps.neighbourhood(odd.service, odd.upstream);
      expect(strongestEvidence(odd, cluster, services, judge)).toBe(0.9);
      const part = cluster.parts.get('checkout-api');
      if (!part) throw new Error('no part');
      expect(ceilings(odd, cluster, judge)(part)).toBe(0.9);
    });
  });
});
