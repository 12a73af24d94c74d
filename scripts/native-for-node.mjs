#!/usr/bin/env node
// The tests run in Node: if `npm start` rebuilt better-sqlite3 for Electron, build it for
// Node again before testing (and forget the Electron marker).
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';

const marker = 'node_modules/.poste-native-abi';
if (existsSync(marker)) {
  const result = spawnSync('npm', ['rebuild', 'better-sqlite3'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  rmSync(marker);
}
