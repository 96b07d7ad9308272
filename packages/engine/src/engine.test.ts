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
