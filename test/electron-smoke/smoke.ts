/**
 * Smoke test of the packaged macOS app, run by .github/workflows/macos.yml after
 * `npm run dist` (it cannot run here: no Electron binary, no macOS). It launches the real
 * Poste.app through Playwright's Electron support and checks what only a real build can:
 * the window loads from app://poste with the preload bridge, the contract answers, the
 * CSP header is there, navigation and window.open are refused, picked lead files are read
 * on the lead reader's worker (a bundle of its own inside the asar archive), and the app
 * quits cleanly.
 *
 *   npx tsx test/electron-smoke/smoke.ts release/mac-arm64/Poste.app
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron as electron } from 'playwright-core';
import { DATABASE_FILE } from '../../electron/services/paths';

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(`smoke test failed: ${message}`);
  process.stdout.write(`ok - ${message}\n`);
}

async function main(): Promise<void> {
  const bundle = process.argv[2] ?? 'release/mac-arm64/Poste.app';
  const executablePath = join(bundle, 'Contents', 'MacOS', 'Poste');
  const userData = mkdtempSync(join(tmpdir(), 'poste-smoke-'));
  const app = await electron.launch({
    executablePath,
    args: [`--user-data-dir=${userData}`],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
    timeout: 60_000,
  });
  try {
    const page = await app.firstWindow({ timeout: 60_000 });
    await page.waitForSelector('.shell-header', { timeout: 60_000 });
    check(page.url().startsWith('app://poste/'), `the window shows app://poste (${page.url()})`);

    const bridge = await page.evaluate(() => typeof (window as unknown as { poste?: unknown }).poste);
    check(bridge === 'object', 'the preload exposes window.poste');
    const nodeInPage = await page.evaluate(() => typeof (globalThis as unknown as { require?: unknown }).require);
    check(nodeInPage === 'undefined', 'no Node in the page');

    const info = await page.evaluate(() =>
      (window as unknown as { poste: { invoke(c: string, i: unknown): Promise<unknown> } }).poste.invoke('app:info', {}),
    );
    check((info as { ok: boolean; value?: { host?: string } }).value?.host === 'electron', 'app:info answers from the Electron host');
    const bad = await page.evaluate(() =>
      (window as unknown as { poste: { invoke(c: string, i: unknown): Promise<unknown> } }).poste.invoke('settings:update', { patch: { language: 'de' } }),
    );
    check((bad as { ok: boolean }).ok === false, 'a bad input is refused');

    const inline = await page.evaluate(async () => {
      const s = document.createElement('script');
      s.textContent = 'window.__inline = true';
      document.body.append(s);
      await new Promise((r) => setTimeout(r, 200));
      return (window as unknown as { __inline?: boolean }).__inline === true;
    });
    check(!inline, 'the CSP blocks an injected inline script');

    const opened = await page.evaluate(() => window.open('https://example.com/') !== null);
    await page.waitForTimeout(500);
    check(!opened && app.windows().length === 1, 'window.open opens no window');

    await page.evaluate(() => {
      (window as unknown as { __here?: boolean }).__here = true;
      window.location.href = 'https://example.com/';
    });
    await page.waitForTimeout(1000);
    const stayed = await page.evaluate(() => (window as unknown as { __here?: boolean }).__here === true);
    check(stayed && page.url().startsWith('app://poste/'), 'navigation away is refused');

    const mic = await page.evaluate(() =>
      (window as unknown as { poste: { invoke(c: string, i: unknown): Promise<unknown> } }).poste.invoke('desk:microphoneAccess', {}),
    );
    check((mic as { ok: boolean }).ok, `the microphone state is reported (${JSON.stringify(mic)})`);

    // Two picked ADF files: the reader's worker (dist-electron/lead-reader.mjs) reads them.
    const picked = ['oem-toyota-ca.xml', 'cargurus.xml'].map((name) => ({
      name,
      base64: readFileSync(join('test', 'fixtures', 'adf', name)).toString('base64'),
    }));
    const imported = await page.evaluate(
      (files) => (window as unknown as { poste: { invoke(c: string, i: unknown): Promise<unknown> } }).poste.invoke('leads:importFiles', { files }),
      picked,
    );
    const statuses = (imported as { value?: { reports: { status: string }[] } }).value?.reports.map((r) => r.status);
    check(statuses?.join() === 'imported,imported', `picked lead files are imported (${JSON.stringify(statuses)})`);

    const version = await app.evaluate(({ app: electronApp }) => electronApp.getVersion());
    check(/^\d+\.\d+\.\d+/.test(version), `the app reports its version ${version}`);
  } finally {
    await app.close();
  }
  // Quitting waited for the services: the cache's last connection closed, which copies the
  // WAL back into the database and removes it.
  check(existsSync(join(userData, DATABASE_FILE)), 'the cache is where the app keeps it');
  check(!existsSync(join(userData, `${DATABASE_FILE}-wal`)), 'quitting closed the cache (no WAL left behind)');
  // Had the worker failed to start from the archive, the files were read on the main
  // thread instead, and the log says so.
  const logs = join(userData, 'logs');
  const logged = existsSync(logs) ? readdirSync(logs).map((f) => readFileSync(join(logs, f), 'utf8')).join('') : '';
  check(logged !== '' && !logged.includes('the lead reader thread stopped'), 'the lead reader thread ran from the packaged app');
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
