import { createMemoryRepository, ItemTooLargeError } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';
import { IdAllocator } from './ids.ts';
import { Recorder } from './records.ts';
import { StoreWriter } from './store-writer.ts';

const start = new Date('2026-01-05T09:00:00.000Z');
const operator = { actor: 'operator', requestId: null };

describe('a record too large for the store', () => {
  it('is left out and reported once, and every other write still lands', async () => {
    const repo = createMemoryRepository();
    const errors: unknown[] = [];
    const engine = new Engine({
      repo,
      seed: 3,
      start,
      clock: { now: () => 0 },
      simulator: { faultGeneration: false },
      onBackgroundError: (error) => errors.push(error),
    });
    await engine.init();
    const service = String(engine.topology.services[0]?.id);
    // Past the API's label caps (the engine trusts its callers): ~600 KB of labels.
    const wide = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`k${i}`, 'x'.repeat(2000)]),
    );
    const [huge] = await engine.ingestAlerts(
      [{ labels: { alertname: 'Huge', service, ...wide } }],
      'api',
      operator,
    );
    const [small] = await engine.ingestAlerts(
      [{ labels: { alertname: 'Small', service: String(engine.topology.services[1]?.id) } }],
      'api',
      operator,
    );
    await engine.advance(6);

    expect(await repo.getAlert(String(huge?.id))).toBeNull();
    expect((await repo.getAlert(String(small?.id)))?.labels.alertname).toBe('Small');
    expect(engine.state().storeAvailable).toBe(true);
    const reported = errors.filter((e) => e instanceof ItemTooLargeError);
    expect(reported).toHaveLength(1);
    expect(String((reported[0] as ItemTooLargeError).record)).toContain(String(huge?.id));
    const logs = await repo.listLogs({ limit: 500, q: 'not stored' });
    expect(logs.items.map((l) => l.level)).toEqual(['error']);
  });

  it('is reported on the Logs page when the loop flush meets it', async () => {
    const repo = createMemoryRepository();
    const ids = new IdAllocator();
    const at = () => start.toISOString();
    const writer = new StoreWriter(repo, ids, new Recorder(ids, at), () => start, {});
    const wide = Object.fromEntries(
      Array.from({ length: 300 }, (_, i) => [`k${i}`, 'x'.repeat(2000)]),
    );
    const alert = {
      id: ids.next('alert'),
      fingerprint: 'wide',
      status: 'firing' as const,
      labels: { alertname: 'Huge', service: 's', ...wide },
      annotations: {},
      startsAt: at(),
      endsAt: null,
      receivedAt: at(),
      source: 'api' as const,
      incidentId: null,
    };
    writer.pending.alerts.set(alert.id, alert);
    await writer.flush();
    await writer.flush();
    expect(await repo.getAlert(alert.id)).toBeNull();
    const logs = await repo.listLogs({ limit: 10, q: 'not stored' });
    expect(logs.items).toHaveLength(1);
    expect(logs.items[0]?.message).toContain(alert.id);
  });
});
