import type { Fault } from '@watchfloor/domain';
import { createMemoryRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';

const start = new Date('2026-01-05T09:00:00.000Z');

async function run(seed: number, steps: number) {
  const repo = createMemoryRepository();
  const engine = new Engine({ repo, seed, start, clock: { now: () => 0 } });
  await engine.init();
  await engine.advance(steps);
  const incidents = await repo.listIncidents({ limit: 500 });
  const alerts = await repo.listAlerts({ limit: 500 });
  return { engine, repo, incidents: incidents.items, alerts: alerts.items };
}

describe('engine', () => {
  it('gives the same incidents and alerts for the same seed', async () => {
    const a = await run(5, 6 * 40);
    const b = await run(5, 6 * 40);
    expect(a.incidents.length).toBeGreaterThan(0);
    expect(b.incidents).toEqual(a.incidents);
    expect(b.alerts).toEqual(a.alerts);
    const c = await run(6, 6 * 40);
    expect(c.alerts).not.toEqual(a.alerts);
  });

  it('links every simulated alert to an incident and every fault to its alerts', async () => {
    const { alerts, engine } = await run(9, 6 * 30);
    expect(alerts.every((a) => a.incidentId !== null)).toBe(true);
    const faultAlertIds = new Set(engine.faults().flatMap((f) => f.alertIds));
    expect(alerts.some((a) => faultAlertIds.has(a.id))).toBe(true);
  });

  it('holds active and recently ended faults while the store keeps every one', async () => {
    // With nothing ended kept the engine must still record every end.
    for (const kept of [0, 3]) {
      const repo = createMemoryRepository();
      const engine = new Engine({
        repo,
        seed: 9,
        start,
        clock: { now: () => 0 },
        simulator: { endedFaultsKept: kept },
      });
      await engine.init();
      await engine.advance(6 * 60);
      const stored: Fault[] = [];
      let cursor: string | undefined;
      do {
        const page = await repo.listFaults({ limit: 50, cursor });
        stored.push(...page.items);
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      const ended = stored.filter((f) => f.endedAt !== null);
      expect(ended.length).toBeGreaterThan(20);
      expect(engine.state().faultsInjected).toBe(stored.length);
      expect(stored.length - ended.length).toBe(engine.state().activeFaults);
      const held = engine.faults();
      const byId = new Map(stored.map((f) => [f.id, f]));
      for (const f of held) expect(f).toEqual(byId.get(f.id));
      expect(held.filter((f) => f.endedAt === null)).toHaveLength(stored.length - ended.length);
      const heldEnded = held.filter((f) => f.endedAt !== null);
      expect(heldEnded).toHaveLength(kept);
      // The most recent to end: no dropped fault ended after a held one.
      const heldIds = new Set(held.map((f) => f.id));
      const droppedLast = ended
        .filter((f) => !heldIds.has(f.id))
        .map((f) => f.endedAt ?? '')
        .sort()
        .at(-1);
      for (const f of heldEnded) expect((f.endedAt ?? '') >= (droppedLast ?? '')).toBe(true);
      const ids = held.map((f) => f.id);
      expect(ids).toEqual([...ids].sort().reverse());
    }
  });

  it('continues ids and virtual time after a restart on the same store', async () => {
    const { repo, alerts, engine } = await run(4, 6 * 20);
    const again = new Engine({ repo, seed: 4, start, clock: { now: () => 0 } });
    await again.init();
    expect(again.now()).toBe(engine.now());
    await again.advance(6 * 20);
    const after = await repo.listAlerts({ limit: 500 });
    const ids = after.items.map((a) => a.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(after.items.length).toBeGreaterThan(alerts.length);
    // alerts the old estate left firing are retired, not left dangling forever
    const orphans = alerts.filter((a) => a.status === 'firing');
    for (const orphan of orphans) expect((await repo.getAlert(orphan.id))?.status).toBe('resolved');
  });
});
