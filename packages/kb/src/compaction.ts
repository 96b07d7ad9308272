import type { Repository, WriteBatch } from './repository.ts';

/** Rows a batch puts (about: an incident's service links are not counted). */
const rowsOf = (batch: WriteBatch): number =>
  (batch.alerts?.length ?? 0) +
  (batch.incidents?.length ?? 0) +
  (batch.logs?.length ?? 0) +
  (batch.audit?.length ?? 0) +
  (batch.faults?.length ?? 0) +
  (batch.knowledge?.length ?? 0) +
  Object.keys(batch.counters ?? {}).length +
  (batch.killSwitch ? 1 : 0);

/**
 * The repository with the embedded store compacted in the background after every
 * `everyChanges` rows put or deleted, so superseded versions never pile up for long.
 */
export const withCompaction = (
  repo: Repository,
  compact: () => Promise<void>,
  everyChanges = 10_000,
): Repository => {
  let changes = 0;
  let running: Promise<void> | null = null;
  const note = (n: number): void => {
    changes += n;
    if (changes < everyChanges || running) return;
    changes = 0;
    running = compact()
      .catch(() => undefined) // a failed compaction only leaves the files larger
      .finally(() => {
        running = null;
      });
  };
  return {
    ...repo,
    write: async (batch) => {
      await repo.write(batch);
      note(rowsOf(batch));
    },
    pruneLogs: async (keep) => {
      const n = await repo.pruneLogs(keep);
      note(n);
      return n;
    },
    sweepExpired: async (max) => {
      const n = await repo.sweepExpired(max);
      note(n);
      return n;
    },
    compactNow: async () => {
      await running;
      changes = 0;
      await compact();
    },
    close: async () => {
      await running;
      await repo.close();
    },
  };
};
