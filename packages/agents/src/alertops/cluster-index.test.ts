import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Cluster, newCluster } from './cluster.ts';
import { ClusterIndex } from './cluster-index.ts';
import { DependencyIndex } from './dependency-index.ts';
import { randomAlert, toNode } from './test-arbitraries.ts';
import { estate } from './test-estate.ts';

const deps = new DependencyIndex(estate, 3);
const SPAN = 5 * 60_000;

type Step =
  | { op: 'add'; start: number }
  | { op: 'earlier'; which: number; by: number }
  | { op: 'delete'; which: number };

const steps = fc.array(
  fc.oneof(
    fc.record({ op: fc.constant('add' as const), start: fc.integer({ min: 0, max: 7200 }) }),
    fc.record({
      op: fc.constant('earlier' as const),
      which: fc.nat(),
      by: fc.integer({ min: 0, max: 900 }),
    }),
    fc.record({ op: fc.constant('delete' as const), which: fc.nat() }),
  ),
  { maxLength: 60 },
);

describe('ClusterIndex', () => {
  it('finds exactly the incidents a walk over all of them finds, as they change', () => {
    fc.assert(
      fc.property(
        steps,
        randomAlert(),
        fc.integer({ min: -600, max: 7800 }),
        fc.constantFrom(0, 1, SPAN, 3 * SPAN, Number.POSITIVE_INFINITY),
        (ops: Step[], spec, at, span) => {
          const index = new ClusterIndex(SPAN);
          const held: Cluster[] = [];
          ops.forEach((step, i) => {
            if (step.op === 'add') {
              const cluster = newCluster(`K${i}`, toNode({ ...spec, start: step.start }, i, deps));
              held.push(cluster);
              index.add(cluster);
              return;
            }
            const cluster = held[step.which % Math.max(1, held.length)];
            if (!cluster) return;
            if (step.op === 'delete') {
              held.splice(held.indexOf(cluster), 1);
              index.delete(cluster);
              return;
            }
            // Onsets only move earlier: an incident takes an alert that started before it.
            cluster.onset -= step.by * 1000;
            index.move(cluster);
          });
          const keys = (cs: Iterable<Cluster>) => [...cs].map((c) => c.key).sort();
          // Edges matter most: each incident's own onset and exactly a span either side.
          const onsets = [Date.parse('2026-01-05T10:00:00.000Z') + at * 1000];
          for (const c of held) onsets.push(c.onset, c.onset - span, c.onset + span);
          for (const onset of onsets.filter(Number.isFinite)) {
            expect(keys(index.near(onset, span))).toEqual(
              keys(held.filter((c) => Math.abs(c.onset - onset) <= span)),
            );
          }
          expect(index.size).toBe(held.length);
        },
      ),
      { numRuns: 500 },
    );
  });
});
