import { Hono } from 'hono';
import type { AppDeps, AppEnv } from '../types.ts';

const links: [string, string][] = [
  ['/api/health', 'health and store status'],
  ['/api/simulation', 'simulation state'],
  ['/api/incidents', 'incidents'],
  ['/api/alerts', 'alerts'],
  ['/api/topology', 'topology'],
  ['/api/metrics', 'KPIs'],
  ['/api/logs', 'logs'],
  ['/api/audit', 'audit trail'],
  ['/api/kill-switch', 'kill switch'],
];

/** Until the dashboard is built, `/` shows where to look. */
export const landingRoutes = (_deps: AppDeps) =>
  new Hono<AppEnv>().get('/', (c) =>
    c.html(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Watchfloor</title>
<style>body{font:16px system-ui;background:#0b0f14;color:#d6e2ee;max-width:40rem;margin:3rem auto}a{color:#6cb6ff}</style>
</head><body><h1>Watchfloor</h1><p>The API is running. Endpoints:</p><ul>${links
        .map(([href, text]) => `<li><a href="${href}">${href}</a> — ${text}</li>`)
        .join('')}</ul></body></html>`,
    ),
  );
