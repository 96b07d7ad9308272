import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openRepository } from '@watchfloor/kb';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';

const start = new Date('2026-01-05T09:00:00.000Z');

describe('learned statistics on the embedded store', () => {
  const dirs: string[] = [];
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it('survive closing and reopening the store, with config history and tasks', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'watchfloor-learning-'));
    dirs.push(dataDir);
    const who = { actor: 'operator', requestId: null };

    const repo = await openRepository({ store: 'embedded', dataDir });
    const engine = new Engine({ repo, seed: 31, start, clock: { now: () => 0 } });
    await engine.init();
    await engine.updateAgentConfig('taskops', { automationLevel: 'AUTO' }, 'keep acting', who);
    await engine.advance(6 * 45);
    const stats = engine.agents.orchestrator.stats();
    const history = engine.agents.configs.history('taskops');
    const tasks = engine.tasks().map((t) => t.id);
    expect(stats.totals.outcomes + tasks.length).toBeGreaterThan(0);
    await engine.close();
    await repo.close();

    const reopened = await openRepository({ store: 'embedded', dataDir });
    try {
      const again = new Engine({ repo: reopened, seed: 31, start, clock: { now: () => 0 } });
      await again.init();
      expect(again.agents.orchestrator.stats()).toEqual(stats);
      expect(again.agents.configs.history('taskops')).toEqual(history);
      expect(again.tasks().map((t) => t.id)).toEqual(tasks.slice(0, 50));
    } finally {
      await reopened.close();
    }
  });
});
