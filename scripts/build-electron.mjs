#!/usr/bin/env node
// Bundles the Electron main process (ESM), the lead reader's worker (ESM) and the preload
// (CommonJS: a sandboxed preload cannot load ES modules) into dist-electron/. Native and
// Electron modules stay external.
import { build } from 'esbuild';

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
    banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
  });

await esm('electron/main/index.ts', 'dist-electron/main.mjs');
// The lead reader's worker (electron/services/leads/reader.ts starts it beside main.mjs).
await esm('electron/services/leads/read-worker.ts', 'dist-electron/lead-reader.mjs');
await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist-electron/preload.cjs',
  format: 'cjs',
});
process.stdout.write('built dist-electron/main.mjs, dist-electron/lead-reader.mjs and dist-electron/preload.cjs\n');
