import type { Alert } from '@watchfloor/domain';
import { createSimulator } from '@watchfloor/sim';
import { describe, expect, it } from 'vitest';
import { BatchBuilder } from './batch.ts';
import { IncidentDesk } from './desk.ts';
import { IdAllocator } from './ids.ts';

const topology = createSimulator({ seed: 3, services: 36 }).topology;
const T0 = Date.parse('2026-01-05T10:00:00.000Z');
const iso = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();
const NAMES = ['HighErrorRate', 'HighLatencyP95', 'DatabaseConnectionsSaturated', 'HighCPU'];

/** mulberry32, so the sequence below is the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Services called by at least two others: a fault there hurts callers in separate incidents. */
const shared = topology.services
  .map((s) => ({ id: s.id, callers: topology.services.filter((c) => c.dependsOn.includes(s.id)) }))
  .filter((s) => s.callers.length >= 2);

const draft = (n: number, service: string, alertname: string, seconds: number) => ({
  fingerprint: `${alertname}|${service}|${n}`,
  status: 'firing' as const,
  labels: { alertname, service, severity: 'warning' },
  annotations: {},
  startsAt: iso(seconds),
  endsAt: null,
  receivedAt: iso(seconds),
  source: 'api' as const,
});

describe('IncidentDesk', () => {
  it('lists the alerts firing on a service in firing order and keeps every firing alert in its active incident, through merges and clears', () => {
    const random = prng(42);
    const desk = new IncidentDesk(new IdAllocator(), topology);
    const counters = new BatchBuilder();
    for (let step = 0; step < 1200; step++) {
      const batch = new BatchBuilder();
      // Episodes of 30 alerts, 20 minutes apart, so each starts with nothing near it in time.
      const episode = Math.floor(step / 30);
      const seconds = episode * 1200 + (step % 30) * 5;
      const firing = [...desk.firing.values()];
      const dependency = shared[Math.floor(random() * shared.length)];
      if (step % 30 === 0 && dependency) {
        // Two callers alert apart, then the dependency they share: their incidents merge.
        const [a, b] = dependency.callers;
        desk.fire(draft(step, a?.id ?? '', 'HighErrorRate', seconds), iso(seconds), batch);
        desk.fire(draft(step, b?.id ?? '', 'HighErrorRate', seconds), iso(seconds), batch);
        const cause = draft(step, dependency.id, 'DatabaseConnectionsSaturated', seconds);
        desk.fire(cause, iso(seconds), batch);
      } else if (random() < 0.3 && firing.length > 0) {
        const alert = firing[Math.floor(random() * firing.length)] as Alert;
        desk.clear(alert, iso(seconds), iso(seconds), batch);
      } else {
        const service =
          topology.services[Math.floor(random() * topology.services.length)]?.id ?? '';
        const name = NAMES[Math.floor(random() * NAMES.length)] ?? '';
        desk.fire(draft(step, service, name, seconds), iso(seconds), batch);
      }
      counters.absorb(batch);
      if (step % 20 !== 0) continue;
      for (const s of topology.services) {
        const expected = [...desk.firing.values()].filter((a) => a.labels.service === s.id);
        expect([...desk.firingOn(s.id)]).toEqual(expected);
      }
      for (const alert of desk.firing.values()) {
        const incident = desk.active.get(alert.incidentId ?? '');
        expect(incident?.alertIds).toContain(alert.id);
      }
    }
    // The walk above went through merges and resolutions, not just openings.
    expect(counters.counters.incidentsMerged).toBeGreaterThan(0);
    expect(counters.counters.incidentsResolved).toBeGreaterThan(0);
  });

  it('resolves an incident when its last firing alert clears, and not before', () => {
    const desk = new IncidentDesk(new IdAllocator(), topology);
    const db = topology.services.find((s) => s.tier === 'datastore')?.id ?? '';
    const batch = new BatchBuilder();
    const first = desk.fire(draft(1, db, 'DatabaseConnectionsSaturated', 0), iso(0), batch);
    const second = desk.fire(draft(2, db, 'HighLatencyP95', 10), iso(10), batch);
    expect(second.incidentId).toBe(first.incidentId);
    const id = first.incidentId ?? '';
    desk.clear(first, iso(60), iso(60), batch);
    expect(desk.active.get(id)?.status).toBe('open');
    desk.clear(second, iso(70), iso(70), batch);
    expect(desk.active.has(id)).toBe(false);
    expect(batch.incidents.get(id)?.status).toBe('resolved');
    expect([...desk.firingOn(db)]).toEqual([]);
  });
});
