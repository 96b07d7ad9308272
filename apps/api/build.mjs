// Bundles the server and everything it imports into dist/main.js, so the workspace packages
// (which ship TypeScript source) and their dependencies need no install-time wiring. Only
// dynalite stays external: its LevelDB binding is native and locates itself at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.js',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['dynalite'],
  // CommonJS dependencies inside an ESM bundle still call require() for Node built-ins.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
