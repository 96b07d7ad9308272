// Bundles compare.ts with esbuild (Node 20 cannot run TypeScript) and prints one JSON object.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const outdir = await mkdtemp(join(tmpdir(), 'watchfloor-forecast-bench-'));
try {
  const outfile = join(outdir, 'compare.mjs');
  await build({
    entryPoints: [join(here, 'compare.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'warning',
  });
  const { compareWithStatsmodels } = await import(pathToFileURL(outfile).href);
  console.log(JSON.stringify(await compareWithStatsmodels(join(here, 'statsmodels.py'))));
} finally {
  await rm(outdir, { recursive: true, force: true });
}
