import { createMemoryRepository, type Repository } from '@watchfloor/kb';
import { describe, expect, it } from 'vitest';
import { Engine } from './engine.ts';

const countLogs = async (repo: Repository): Promise<number> => {
  let n = 0;
  let cursor: string | undefined;
  do {
    const page = await repo.listLogs({ limit: 500, ...(cursor ? { cursor } : {}) });
    n += page.items.length;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return n;
};

describe('log retention by count', () => {
  it('keeps the stored logs near logKeep at full speed, not only every 40 writes', async () => {
    const keep = 300;
    const repo = createMemoryRepository();
    const engine = new Engine({
      repo,
      seed: 11,
      start: new Date('2026-01-05T00:00:00.000Z'),
      clock: { now: () => 0 },
      logKeep: keep,
    });
    await engine.init();
    let most = 0;
    // Three virtual hours in 10-minute steps, as the soak benchmark drives it.
    for (let i = 0; i < 18; i++) {
      await engine.advance(60);
      most = Math.max(most, await countLogs(repo));
    }
    await engine.close();
    expect(most).toBeGreaterThanOrEqual(keep);
    // A prune once a tenth of `keep` arrived; one write adds at most 400 (MAX_LOGS_PER_WRITE).
    expect(most).toBeLessThanOrEqual(keep * 1.1 + 400);
  });
});
