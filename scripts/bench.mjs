#!/usr/bin/env node
// `npm run bench`: the benchmark runs in a loopback-only network namespace when it can
// (WebRTC in Chromium must not probe other interfaces), otherwise as it is.
import { spawnSync } from 'node:child_process';

const args = process.argv.slice(2).map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
const command = `npx tsx bench/run.ts ${args}`;
const canUnshare = process.getuid?.() === 0 && spawnSync('unshare', ['-n', 'true']).status === 0;
const result = canUnshare
  ? spawnSync('unshare', ['-n', 'sh', '-c', `ip link set lo up && exec ${command}`], { stdio: 'inherit' })
  : spawnSync('sh', ['-c', `exec ${command}`], { stdio: 'inherit' });
process.exit(result.status ?? 1);
