#!/usr/bin/env node
// Runs the end-to-end suite inside a network namespace that has only loopback, so WebRTC
// in Chromium can neither offer nor probe the machine's other interfaces (test-stack.md).
// Extra arguments are passed to Vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const vitest = ['npx', 'vitest', 'run', '--config', 'vitest.e2e.config.ts', ...args]
  .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
  .join(' ');
const inner = `ip link set lo up && exec ${vitest}`;
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
const result = canUnshare
  ? spawnSync('unshare', ['-n', 'sh', '-c', inner], { stdio: 'inherit' })
  : spawnSync('sh', ['-c', `exec ${vitest}`], { stdio: 'inherit' });
if (!canUnshare) process.stderr.write('run-e2e: not root, running without a loopback-only namespace\n');
process.exit(result.status ?? 1);
