import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assess } from './assessment.ts';
import { addMember, assessCluster, type Cluster, mergeInto, newCluster } from './cluster.ts';
import { DependencyIndex } from './dependency-index.ts';
import { randomAlert, toNode } from './test-arbitraries.ts';
import { estate } from './test-estate.ts';

const deps = new DependencyIndex(estate, 3);
/** A few services, so incidents often share them (and some stay on one). */
const few = ['orders-db', 'orders', 'checkout-api'];

describe('assessCluster', () => {
  it('says what assessing all of the incident’s alerts says, as alerts join and incidents merge', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(randomAlert(900, few), fc.nat({ max: 3 })), {
          minLength: 1,
          maxLength: 40,
        }),
        fc.array(fc.tuple(fc.nat({ max: 3 }), fc.nat({ max: 3 })), { maxLength: 3 }),
        (alerts, merges) => {
          // Up to four incidents, each alert joining one of them in arrival order.
          const clusters = new Map<number, Cluster>();
          alerts.forEach(([spec, which], seq) => {
            const node = toNode(spec, seq, deps);
            const cluster = clusters.get(which);
            if (cluster) addMember(cluster, node);
            else clusters.set(which, newCluster(`K${which}`, node));
          });
          for (const [into, from] of merges) {
            const target = clusters.get(into);
            const other = clusters.get(from);
            if (!target || !other || into === from) continue;
            mergeInto(target, other);
            clusters.delete(from);
          }
          for (const cluster of clusters.values()) {
            const seqs = cluster.members.map((n) => n.seq);
            expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
            expect(assessCluster(cluster, deps)).toEqual(assess(cluster.members, deps));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
