/**
 * INVITE received → record and verdict painted (issue 4's budget: p95 ≤ 50 ms at 1,000,000
 * demo clients). Real pieces end to end: Kamailio on loopback, the web host on the given data
 * folder with Marc's SIP account, the console in Chromium, and client phones (the engine
 * harness) calling Marc from the demo scenarios' numbers.
 *
 * Measured in the agent's page: from the performance mark the softphone bridge sets when the
 * engine emits `incomingCall` (`poste:incoming-call`) to the first frame after the screen-pop
 * for that caller and the record are in the DOM (MutationObserver → requestAnimationFrame →
 * a message posted from it, which runs once that frame is painted). Each call is declined
 * from the screen-pop after the measurement.
 *
 * Must run where WebRTC sees only loopback (the caller wraps it like scripts/run-e2e.mjs).
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { DEMO_SCENARIOS } from '../electron/services/demo/scenarios';
import { formatPhone } from '../shared/phone/phone';
import { launchChromium } from '../test/support/chromium';
import { startKamailio } from '../test/support/kamailio';
import { startPosteWeb } from '../test/support/poste-web';
import { openPhone, serveSoftphoneHarness, type Phone } from '../test/support/softphone-harness';
import { percentile } from './measure';

const MARC_URI = 'sip:201@poste.test';
/** Client phones registered at once (one per demo number, calls go round-robin). */
const MAX_PHONES = 4;

/** Demo numbers that belong to a client in this database (the record must be painted too). */
function knownNumbers(dataDir: string): string[] {
  const db = new Database(join(dataDir, 'poste.sqlite'), { readonly: true, fileMustExist: true });
  try {
    const has = db.prepare('SELECT 1 FROM client_phones WHERE e164 = ? LIMIT 1');
    const numbers = [...new Set(DEMO_SCENARIOS.map((s) => s.number))].filter((n) => has.get(n) !== undefined);
    return numbers.slice(0, MAX_PHONES);
  } finally {
    db.close();
  }
}

/**
 * The in-page probe, one measurement per `poste:incoming-call` mark. Plain JavaScript in a
 * string: a transpiled function would carry the compiler's helpers (`__name`) into the page.
 */
const PROBE = `(() => {
  const probe = { expected: '', results: [] };
  window.paintProbe = probe;
  const painted = (t0) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => probe.results.push(performance.now() - t0);
    channel.port2.postMessage(0);
  });
  const watch = (t0) => {
    const expected = probe.expected;
    const ready = () => {
      const pop = document.querySelector('.pop');
      const number = (pop && pop.querySelector('.pop-number') || {}).textContent || '';
      return number === expected && document.querySelector('.rec-zone') !== null;
    };
    if (ready()) return painted(t0);
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      painted(t0);
    });
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (entry.name === 'poste:incoming-call') watch(entry.startTime);
  }).observe({ type: 'mark' });
})()`;

async function installProbe(page: Page): Promise<void> {
  await page.evaluate(PROBE);
}

async function dismissPops(page: Page): Promise<void> {
  for (let i = 0; i < 10 && (await page.locator('.pop').count()) > 0; i++) {
    await page.locator('.pop').getByRole('button', { name: 'Fermer le contact' }).click();
  }
}

export async function measureInvitePaint(opts: { dataDir: string; calls: number }): Promise<{ p50: number; p95: number; p99: number }> {
  const numbers = knownNumbers(opts.dataDir);
  if (numbers.length === 0) throw new Error(`no demo scenario number has a client in ${opts.dataDir}`);
  const kam = await startKamailio();
  const cleanup: (() => Promise<unknown>)[] = [() => kam.stop()];
  try {
    const [poste, browser, harness] = await Promise.all([
      startPosteWeb({
        dataDir: opts.dataDir,
        env: {
          POSTE_SIP_WS: kam.wsUrl,
          POSTE_SIP_URI: MARC_URI,
          POSTE_SIP_AUTH_USER: '201',
          POSTE_SIP_PASSWORD: 'bench',
          POSTE_SIP_DISPLAY_NAME: 'Marc Gagnon',
        },
      }),
      launchChromium(),
      serveSoftphoneHarness(),
    ]);
    cleanup.push(() => poste.stop(), () => browser.close(), () => harness.close());
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(poste.url);
    await page
      .getByRole('status', { name: 'État du téléphone' })
      .getByText('Connecté', { exact: true })
      .waitFor({ state: 'visible', timeout: 30_000 });
    await installProbe(page);
    const phones: Phone[] = await Promise.all(
      numbers.map((n, i) => openPhone(browser, harness.url, kam, { user: n.replace(/^\+/, ''), micHz: 800 + 100 * i })),
    );
    cleanup.push(() => Promise.all(phones.map((p) => p.close())));

    for (let i = 0; i < opts.calls; i++) {
      const index = i % phones.length;
      const phone = phones[index] as Phone;
      const number = numbers[index] as string;
      await page.evaluate((expected) => {
        (window as unknown as { paintProbe: { expected: string } }).paintProbe.expected = expected;
      }, formatPhone(number));
      const before = await page.evaluate(() => (window as unknown as { paintProbe: { results: number[] } }).paintProbe.results.length);
      const callId: string = await phone.run((h, uri) => h.engine.call(uri), MARC_URI);
      await page.waitForFunction(
        (n) => (window as unknown as { paintProbe: { results: number[] } }).paintProbe.results.length > n,
        before,
        { timeout: 15_000, polling: 20 },
      );
      await page.getByRole('button', { name: 'Refuser', exact: true }).first().click();
      await phone.waitFor((h, id) => !h.engine.getCall(id) || h.engine.getCall(id).state === 'ended', callId, 10_000);
      await dismissPops(page);
    }
    const results = await page.evaluate(() => (window as unknown as { paintProbe: { results: number[] } }).paintProbe.results);
    if (process.env.INVITE_PAINT_DEBUG) {
      // Breakdown: INVITE → lookup answered (services round trip), per call.
      const lookups = await page.evaluate(() => {
        const start = performance.getEntriesByName('poste:incoming-call');
        const done = performance.getEntriesByName('poste:inbound-lookup-done');
        return done.map((d, i) => Math.round(d.startTime - (start[i]?.startTime ?? d.startTime)));
      });
      process.stderr.write(`invite-paint: lookup ms ${lookups.join(' ')}\npaint ms ${results.map(Math.round).join(' ')}\n`);
    }
    const sorted = [...results].sort((a, b) => a - b);
    return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
  } finally {
    for (const step of cleanup.reverse()) await step().catch(() => undefined);
  }
}
