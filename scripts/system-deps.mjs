#!/usr/bin/env node
// Checks the Debian packages the tests need (scripts/debian-packages.txt). As root on a
// Debian machine it installs what is missing; otherwise it says exactly what to run.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const list = (file) =>
  readFileSync(new URL(file, import.meta.url), 'utf8')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'));
const plain = list('./debian-packages.txt');
const lean = list('./debian-packages-norecommends.txt');
const wanted = [...plain, ...lean];

function installed(name) {
  const result = spawnSync('dpkg-query', ['-W', '-f=${Status}', name], { encoding: 'utf8' });
  return result.status === 0 && result.stdout.includes('install ok installed');
}

const hasDpkg = spawnSync('dpkg-query', ['--version']).status === 0;
if (!hasDpkg) {
  process.stderr.write(`system-deps: not a Debian machine; the end-to-end tests need: ${wanted.join(' ')}\n`);
  process.exit(0);
}
const missing = wanted.filter((name) => !installed(name));
if (missing.length === 0) process.exit(0);
if (process.getuid?.() !== 0) {
  process.stderr.write(`system-deps: missing Debian packages. Run:\n  sudo apt-get install -y ${missing.join(' ')}\n`);
  process.exit(1);
}
process.stderr.write(`system-deps: installing ${missing.join(' ')}\n`);
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
if (update.status !== 0) process.exit(update.status ?? 1);
const missingPlain = missing.filter((name) => plain.includes(name));
const missingLean = missing.filter((name) => lean.includes(name));
for (const [names, extra] of [[missingPlain, []], [missingLean, ['--no-install-recommends']]]) {
  if (names.length === 0) continue;
  const install = spawnSync('apt-get', ['install', '-y', '-qq', ...extra, ...names], { stdio: 'inherit', env });
  if (install.status !== 0) process.exit(install.status ?? 1);
}
process.exit(0);
