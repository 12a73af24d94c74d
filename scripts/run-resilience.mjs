#!/usr/bin/env node
// Runs the resilience suite (vitest.resilience.config.ts) inside a network namespace that has
// only loopback, like run-e2e.mjs: WebRTC in Chromium stays on lo, and the test that takes
// the loopback link down and up (lo-flap.resilience.ts) only touches this namespace's own lo.
// Extra arguments are passed to Vitest (e.g. a file filter).
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2);
const vitest = ['npx', 'vitest', 'run', '--config', 'vitest.resilience.config.ts', ...args]
  .map((a) => `'${a.replaceAll("'", "'\\''")}'`)
  .join(' ');
const inner = `ip link set lo up && exec ${vitest}`;
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
if (!canUnshare) {
  process.stderr.write('run-resilience: not root or no unshare: running without a loopback-only namespace\n');
}
const result = canUnshare
  ? spawnSync('unshare', ['-n', 'sh', '-c', inner], { stdio: 'inherit' })
  : spawnSync('sh', ['-c', `exec ${vitest}`], { stdio: 'inherit', env: { ...process.env, POSTE_NO_NETNS: '1' } });
process.exit(result.status ?? 1);
