#!/usr/bin/env node
// `npm run web [-- --port P --data DIR --no-open]`: the console on the web host.
import { spawn } from 'node:child_process';
import { ensureRenderer } from './ensure-renderer.mjs';

ensureRenderer();
const child = spawn('npx', ['tsx', 'electron/web-host/cli.ts', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
