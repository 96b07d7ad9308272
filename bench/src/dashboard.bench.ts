import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Initial JavaScript of the dashboard, gzipped: the entry script and every modulepreload link
 * in apps/web/dist/index.html (lazy routes and Recharts are not initial). Builds the dashboard
 * first when dist is missing. Also says whether dist is older than apps/web/src.
 */
const web = fileURLToPath(new URL('../../apps/web', import.meta.url));
const dist = join(web, 'dist');
const TARGET_KB = 250;

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(path) : statSync(path).mtimeMs);
  }
  return latest;
}

let built = false;
if (!existsSync(join(dist, 'index.html'))) {
  execFileSync('npx', ['-y', 'pnpm@10.34.8', '--filter', '@watchfloor/web', 'build'], {
    cwd: join(web, '..', '..'),
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  built = true;
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const entry = [...html.matchAll(/<script[^>]*type="module"[^>]*src="([^"]+)"/g)].map((m) => m[1]);
const preload = [...html.matchAll(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g)].map(
  (m) => m[1],
);
const files = [...entry, ...preload]
  .filter((f): f is string => typeof f === 'string')
  .map((src) => {
    const bytes = readFileSync(join(dist, src.replace(/^\//, '')));
    return {
      file: src,
      kb: round(bytes.length / 1024),
      gzipKB: round(gzipSync(bytes, { level: 9 }).length / 1024),
    };
  });
const gzipKB = round(files.reduce((a, f) => a + f.gzipKB, 0));
const allJs = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
const allGzipKB = round(
  allJs.reduce(
    (a, f) => a + gzipSync(readFileSync(join(dist, 'assets', f)), { level: 9 }).length,
    0,
  ) / 1024,
);
const distAt = statSync(join(dist, 'index.html')).mtimeMs;

function round(x: number) {
  return Math.round(x * 10) / 10;
}

process.stdout.write(
  `${JSON.stringify({
    builtNow: built,
    distOlderThanSource: distAt < newest(join(web, 'src')),
    initialFiles: files,
    initialJsGzipKB: gzipKB,
    allJsFiles: allJs.length,
    allJsGzipKB: allGzipKB,
    gzip: 'zlib level 9',
    targets: { initialJsGzipKB: { value: gzipKB, target: TARGET_KB, met: gzipKB <= TARGET_KB } },
  })}\n`,
);
