import { createServer, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type ServerType, serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { type ReplayDeps, replayFirst } from './replay.ts';

export interface NodeServerOptions {
  hostname: string;
  port: number;
  /** With it, repeated cached reads are answered before Hono (replay.ts). */
  replay?: ReplayDeps | undefined;
}

/** The app on node's HTTP server, with the replay of cached reads in front when given. */
export function serveNode(
  app: Pick<Hono, 'fetch'>,
  options: NodeServerOptions,
  listening?: (info: AddressInfo) => void,
): ServerType {
  const { replay } = options;
  return serve(
    {
      fetch: app.fetch,
      hostname: options.hostname,
      port: options.port,
      createServer: ((serverOptions: object, hono: RequestListener) =>
        createServer(
          serverOptions,
          replay ? replayFirst(replay, hono) : hono,
        )) as typeof createServer,
    },
    listening,
  );
}
