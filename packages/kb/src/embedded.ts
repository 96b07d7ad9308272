// Consumers type-check this file too; they need the declaration of the untyped module.
/// <reference path="./dynalite.d.ts" />
import { mkdir } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import dynalite from 'dynalite';

export interface EmbeddedStore {
  /** `http://127.0.0.1:<port>` */
  endpoint: string;
  close(): Promise<void>;
}

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
  const server = dynalite({
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
  return {
    endpoint: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        // Keep-alive sockets would hold the close open until they time out.
        server.closeAllConnections();
      }),
  };
};
