// Consumers type-check this file too; they need the declaration of the untyped module.
/// <reference path="./dynalite.d.ts" />
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface EmbeddedStore {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  /**
   * Compacts the whole LevelDB: LevelDB keeps superseded and deleted versions of an item
   * until a compaction reaches them, so a store that rewrites items (incidents on every
   * alert) or sweeps them grows far past its live data without this.
   */
  compact(): Promise<void>;
  close(): Promise<void>;
}

interface LevelIterator {
  next(): Promise<unknown>;
  close(): Promise<void>;
  return?: () => Promise<void>;
}

interface LevelDb {
  compactRange(start: string, end: string): Promise<void>;
  keys(options?: unknown): LevelIterator;
  values(options?: unknown): LevelIterator;
}

/** How long an iterator may sit unread before it counts as abandoned. */
const ITERATOR_IDLE_MS = 5_000;

/**
 * dynalite never closes the LevelDB iterators behind its queries: its streams call an
 * iterator `return()` that LevelDB's iterators do not have, and a query that stops at its
 * Limit leaves the rest unread. Each open iterator pins the files it started on, so no
 * compaction can delete them and the data dir grows without bound. This gives iterators
 * that `return()`, closes them when they run out, and closes the ones left unread.
 */
const closeAbandonedIterators = (db: LevelDb): { closeIdle: () => Promise<void> } => {
  const open = new Map<LevelIterator, number>();
  const close = (it: LevelIterator, original: () => Promise<void>) => {
    open.delete(it);
    return original().catch(() => undefined);
  };
  const tracked =
    (make: (options?: unknown) => LevelIterator) =>
    (options?: unknown): LevelIterator => {
      const it = make(options);
      const next = it.next.bind(it);
      const original = it.close.bind(it);
      open.set(it, Date.now());
      it.next = async () => {
        open.set(it, Date.now());
        const value = await next();
        if (value === undefined) await close(it, original);
        return value;
      };
      it.close = () => close(it, original);
      it.return = it.close;
      return it;
    };
  db.keys = tracked(db.keys.bind(db));
  db.values = tracked(db.values.bind(db));
  return {
    closeIdle: async () => {
      const now = Date.now();
      for (const [it, usedAt] of open) if (now - usedAt > ITERATOR_IDLE_MS) await it.close();
    },
  };
};

/**
 * dynalite does not expose its LevelDB, so catch it as dynalite creates it: its server
 * calls `require('./db').create(options)` once, through the module object we wrap here.
 */
const createCapturingDb = (options: Parameters<typeof dynalite>[0]) => {
  const dbModule = createRequire(import.meta.url)('dynalite/db') as {
    create: (o: unknown) => { db: LevelDb };
  };
  const create = dbModule.create;
  let db: LevelDb | undefined;
  dbModule.create = (o) => {
    const store = create(o);
    db = store.db;
    return store;
  };
  try {
    const server = dynalite(options);
    return { server, db };
  } finally {
    dbModule.create = create;
  }
};

/**
 * Runs dynalite (DynamoDB's API on LevelDB) in this process, storing under `dataDir`.
 *
 * @example const store = await startEmbeddedStore({ dataDir: '.watchfloor' });
 */
export const startEmbeddedStore = async (options: {
  dataDir: string;
  /** 0 (default) picks a free port. */
  port?: number;
}): Promise<EmbeddedStore> => {
  await mkdir(options.dataDir, { recursive: true });
  const { server, db } = createCapturingDb({
    path: options.dataDir,
    createTableMs: 0,
    deleteTableMs: 0,
    updateTableMs: 0,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const iterators = db ? closeAbandonedIterators(db) : undefined;
  const reaper = setInterval(() => void iterators?.closeIdle(), ITERATOR_IDLE_MS);
  reaper.unref();
  let compacting: Promise<void> = Promise.resolve();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    compact: () => {
      // Every key dynalite writes is a string below U+FFFF.
      compacting = compacting
        .catch(() => undefined)
        .then(async () => {
          if (!db) throw new Error('the embedded store has no LevelDB to compact');
          await iterators?.closeIdle();
          return db.compactRange('', '\uffff');
        });
      return compacting;
    },
    close: async () => {
      clearInterval(reaper);
      await compacting.catch(() => undefined);
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would hold the close open until they time out.
        server.closeAllConnections();
      });
    },
  };
};
