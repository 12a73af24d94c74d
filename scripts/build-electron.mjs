#!/usr/bin/env node
// Bundles the Electron main process (ESM), the lead reader's worker (ESM) and the preload (CommonJS: a sandboxed preload
// cannot load ES modules) into dist-electron/. Native and Electron modules stay external.
import { build } from 'esbuild';

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  sourcemap: true,
  external: ['electron', 'better-sqlite3'],
  logLevel: 'warning',
};

await build({
  ...common,
  entryPoints: ['electron/main/index.ts'],
  outfile: 'dist-electron/main.mjs',
  format: 'esm',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
// The lead reader's worker (electron/services/leads/reader.ts starts it beside main.mjs).
await build({
  ...common,
  entryPoints: ['electron/services/leads/read-worker.ts'],
  outfile: 'dist-electron/lead-reader.mjs',
  format: 'esm',
  banner: { js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);" },
});
await build({
  ...common,
  entryPoints: ['electron/preload/index.ts'],
  outfile: 'dist-electron/preload.cjs',
  format: 'cjs',
});
process.stdout.write('built dist-electron/main.mjs, dist-electron/lead-reader.mjs and dist-electron/preload.cjs\n');
