#!/usr/bin/env node
// `npm start`: the Electron app when its binary is installed (a Mac with a normal
// `npm ci`), otherwise the web host, which prints its URL and opens a browser if any.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { ensureRenderer } from './ensure-renderer.mjs';

function electronBinary() {
  try {
    const path = createRequire(import.meta.url)('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/**
 * Installs use ELECTRON_SKIP_BINARY_DOWNLOAD=1 so that `npm ci` works everywhere (the binary
 * cannot be fetched on every machine). On a Mac or Windows desktop, fetch it now, once.
 */
function fetchElectronBinary() {
  if (!['darwin', 'win32'].includes(process.platform) || process.env.POSTE_WEB_ONLY) return;
  let installer;
  try {
    installer = createRequire(import.meta.url).resolve('electron/install.js');
  } catch {
    return;
  }
  process.stderr.write('Fetching the Electron binary (first start only)…\n');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  spawnSync(process.execPath, [installer], { stdio: 'inherit', env, timeout: 180_000 });
}

if (!electronBinary()) fetchElectronBinary();
const electron = electronBinary();
if (!electron) {
  process.stderr.write('Electron is not installed here: starting the web host instead.\n');
  await import('./web.mjs');
} else {
  ensureRenderer();
  // better-sqlite3 is built for Node by npm ci; Electron needs it built for its own ABI.
  const marker = 'node_modules/.poste-native-abi';
  const wanted = `electron-${createRequire(import.meta.url)('electron/package.json').version}`;
  if (!existsSync(marker) || readFileSync(marker, 'utf8') !== wanted) {
    const rebuilt = spawnSync('npx', ['electron-builder', 'install-app-deps'], { stdio: 'inherit' });
    if (rebuilt.status !== 0) process.exit(rebuilt.status ?? 1);
    writeFileSync(marker, wanted);
  }
  const built = spawnSync('node', ['scripts/build-electron.mjs'], { stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
  const child = spawn(electron, ['.', ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
