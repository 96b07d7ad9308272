// Runs every bench/src/*.bench.ts in its own process (bundled by esbuild, since the workspace
// ships TypeScript source) and prints one JSON object: { machine, benchmarks: { name: result } }.
// `node run.mjs simulator` runs only the named ones. Results also go to bench/results.json.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(join(here, 'src'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace('.bench.ts', '')))
  .sort();
// Bundles live beside this package so their external imports resolve from its node_modules.
const out = join(here, '.out');
mkdirSync(out, { recursive: true });
const results = {};
const allStarted = Date.now();
const loadBefore = os.loadavg().map((x) => Math.round(x * 100) / 100);
for (const file of files) {
  const name = file.replace('.bench.ts', '');
  const outfile = join(out, `${name}.mjs`);
  await build({
    entryPoints: [join(here, 'src', file)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'error',
    // Native or self-locating packages stay external; everything else is bundled.
    external: ['dynalite', 'classic-level', 'esbuild', 'autocannon'],
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  process.stderr.write(`bench: ${name}…\n`);
  const started = Date.now();
  try {
    const stdout = execFileSync(process.execPath, ['--expose-gc', outfile], {
      cwd: here,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 << 20,
    });
    results[name] = {
      ...JSON.parse(stdout.trim().split('\n').pop() ?? '{}'),
      wallSeconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    results[name] = { error: String(error.message ?? error).slice(0, 500) };
  }
}
const totalSeconds = (Date.now() - allStarted) / 1000;
process.stderr.write(`bench: total ${totalSeconds.toFixed(1)} s\n`);
const report = {
  machine: {
    node: process.version,
    cpus: os.cpus().length,
    cpu: os.cpus()[0]?.model,
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    // Other work on the machine skews every figure: 1/5/15-minute load before and after.
    loadAverage: { before: loadBefore, after: os.loadavg().map((x) => Math.round(x * 100) / 100) },
  },
  totalSeconds,
  at: new Date().toISOString(),
  benchmarks: results,
};
writeFileSync(join(here, 'results.json'), `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`${JSON.stringify(report)}\n`);
