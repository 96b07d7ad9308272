import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PatchPlan, page } from '@watchfloor/domain';
import { openRepository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { harness, json } from './harness.ts';

// The engine holds 20 ended plans whole; the rest come back from the store.
const PLANS = 26;

describe('patch plans the engine no longer holds, on the embedded store', () => {
  it('are still listed, paged, shown, counted and refused like any ended plan', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-plans-'));
    const repo = await openRepository({ store: 'embedded', dataDir });
    const h = await harness({ repo, faultGeneration: false });
    try {
      const service = String(h.engine.topology.services[3]?.id);
      const ids: string[] = [];
      for (let i = 0; i < PLANS; i++) {
        const body = { service, version: `42.0.${i}` };
        const plan = PatchPlan.parse(await json(h.call('POST', '/api/patches', { body })));
        await json(h.call('POST', `/api/patches/${plan.id}/abort`, { body: { reason: 'no' } }));
        ids.push(plan.id);
      }
      const oldest = String(ids[0]);
      expect(h.engine.patches().some((p) => p.id === oldest)).toBe(false);

      const detail = PatchPlan.parse(await json(h.call('GET', `/api/patches/${oldest}`)));
      expect([detail.id, detail.state, detail.toVersion]).toEqual([
        oldest,
        'rolled_back',
        '42.0.0',
      ]);

      const Plans = page(PatchPlan);
      const all = Plans.parse(
        await json(h.call('GET', '/api/patches?state=rolled_back&limit=500')),
      );
      expect(all.items.map((p) => p.id)).toEqual([...ids].reverse());
      const seen: string[] = [];
      let cursor: string | null = '';
      while (cursor !== null) {
        const q: string = cursor ? `&cursor=${cursor}` : '';
        const p = Plans.parse(await json(h.call('GET', `/api/patches?limit=7${q}`)));
        seen.push(...p.items.map((x) => x.id));
        cursor = p.nextCursor;
      }
      expect(seen).toEqual([...ids].reverse());

      const metrics = await json(h.call('GET', '/api/metrics'));
      expect(metrics.patchSuccess).toMatchObject({ completed: 0, rolledBack: PLANS, failed: 0 });
      const again = await h.call('POST', `/api/patches/${oldest}/approve`);
      expect(again.status).toBe(409);
      expect((await h.call('GET', '/api/patches/TASK-000001')).status).toBe(404);
    } finally {
      await h.engine.close();
      await repo.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
