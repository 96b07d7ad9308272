// Bundles apps/api/src/lambda.ts into aws/dist/lambda.mjs (the function's code, with every
// dependency inside) and copies the built dashboard to aws/dist/web, which the function
// serves at `/`. Usage: node aws/build.mjs [outdir]   (run `pnpm build` first for the dashboard)
import { cp, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');

/**
 * The embedded store (dynalite on native LevelDB) is for local runs only. kb's index still
 * re-exports it, so it is resolved to a stub that throws; lambda.ts never calls it and the
 * stub is tree-shaken away (aws/template.test.ts checks the bundle holds neither).
 */
const noEmbeddedStore = {
  name: 'no-embedded-store',
  setup(b) {
    b.onResolve({ filter: /^dynalite$/ }, () => ({ path: 'dynalite', namespace: 'stub' }));
    b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({
      contents:
        "export default function dynalite() { throw new Error('WATCHFLOOR_EMBEDDED_STORE_STUB: the embedded store is not available on Lambda'); }",
      loader: 'js',
    }));
  },
};

/** @param {string} outdir */
export async function buildLambda(outdir = join(here, 'dist')) {
  await rm(outdir, { recursive: true, force: true });
  await mkdir(outdir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'apps/api/src/lambda.ts')],
    outfile: join(outdir, 'lambda.mjs'),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    minify: true,
    sourcemap: 'linked',
    logLevel: 'warning',
    metafile: true,
    plugins: [noEmbeddedStore],
    // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });
  await writeFile(
    join(outdir, 'package.json'),
    '{ "name": "watchfloor-lambda", "version": "0.0.0", "private": true, "type": "module" }\n',
  );
  const web = join(root, 'apps/web/dist');
  const hasWeb = await stat(join(web, 'index.html')).then(
    () => true,
    () => false,
  );
  if (hasWeb) await cp(web, join(outdir, 'web'), { recursive: true });
  return { outdir, hasWeb, inputs: Object.keys(result.metafile.inputs) };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = await buildLambda(process.argv[2] ? resolve(process.argv[2]) : undefined);
  process.stdout.write(
    `built ${join(out.outdir, 'lambda.mjs')}${out.hasWeb ? ' + web/' : ' (no apps/web/dist: the function serves the landing page; run `pnpm build` first)'}\n`,
  );
}
