import { existsSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { Hono } from 'hono';
import { when } from '../middleware/when.ts';
import type { AppDeps, AppEnv } from '../types.ts';
import { landingRoutes } from './landing.ts';

/**
 * The built dashboard on the API's origin: hashed assets cached for a year, every other
 * non-API path answered with index.html so deep links work. Without a build, a landing page.
 */
export const webRoutes = (deps: AppDeps) => {
  const root = deps.webRoot;
  const indexFile = root ? join(root, 'index.html') : '';
  if (!root || !existsSync(indexFile)) return landingRoutes(deps);
  const index = readFileSync(indexFile, 'utf8');
  const servedRoot = relative(process.cwd(), root) || '.';
  return (
    new Hono<AppEnv>()
      .use(
        '/assets/*',
        serveStatic({
          root: servedRoot,
          onFound: (_path, c) => {
            c.header('Cache-Control', 'public, max-age=31536000, immutable');
          },
        }),
      )
      // API paths never touch the disk: a stat per request would tax every poll.
      .use(
        '*',
        when((c) => !c.req.path.startsWith('/api/'), serveStatic({ root: servedRoot })),
      )
      .get('*', (c) => {
        if (c.req.path.startsWith('/api/')) return c.notFound();
        c.header('Cache-Control', 'no-cache');
        return c.html(index);
      })
  );
};
