#!/usr/bin/env node
// Bundles the Electron main process (ESM), the lead reader's worker (ESM) and the preload
// (CommonJS: a sandboxed preload cannot load ES modules) into dist-electron/. Native and
// Electron modules stay external. `--outdir DIR` writes them elsewhere (the reader's test
// runs the worker bundle from there).
import { join } from 'node:path';
import { build } from 'esbuild';

const at = process.argv.indexOf('--outdir');
const outdir = at > 0 ? process.argv[at + 1] : 'dist-electron';
if (!outdir) throw new Error('--outdir takes a folder');

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
};
/** An ES module bundle that can still `require` what stays external. */
const esm = (entry, outfile) =>
  build({
    ...common,
    entryPoints: [entry],
    outfile,
    format: 'esm',
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
  });

await esm('electron/main/index.ts', join(outdir, 'main.mjs'));
// The lead reader's worker (electron/services/leads/reader.ts starts it beside main.mjs).
await esm('electron/services/leads/read-worker.ts', join(outdir, 'lead-reader.mjs'));
await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: join(outdir, 'preload.cjs'),
  format: 'cjs',
});
process.stdout.write(`built ${outdir}/main.mjs, ${outdir}/lead-reader.mjs and ${outdir}/preload.cjs\n`);
