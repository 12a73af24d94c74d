// The lead reader's worker when Poste runs from its TypeScript source (the web host and the
// tools under tsx, the tests under Vitest): registers tsx in this thread, then loads the
// worker. A module file, not eval'd text, so `tsx` resolves from here, whatever the working
// directory. The Electron build bundles read-worker.ts instead (dist-electron/lead-reader.mjs).
import { register } from 'tsx/esm/api';

register();
await import(new URL('./read-worker.ts', import.meta.url).href);
