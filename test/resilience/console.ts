/**
 * The resilience tests' stage: Kamailio on loopback, the web host with Marc's SIP account in
 * its environment (the console registers by itself), the console in Chromium, and harness
 * pages (the real engine, test/e2e/softphone/harness) standing in for clients' phones.
 * Read-only views of the console's database (`<dataDir>/poste.sqlite`) and of the page
 * (the registration badge, the calls list) are what the tests assert on.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_SCENARIOS } from '../../electron/services/demo/scenarios';
import { launchChromium } from '../support/chromium';
import { startKamailio, type KamailioInstance } from '../support/kamailio';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { openPhone, serveSoftphoneHarness, type HarnessServer, type Phone } from '../support/softphone-harness';
import { eventually, visible } from '../support/ui';
import { frenchOf } from '../../renderer/app/french';

export const MARC_URI = 'sip:201@poste.test';

/** Demo clients with fixed numbers (random clients never get them): callers we know. */
export const KNOWN_CALLERS = DEMO_SCENARIOS.filter((s) => /^\+15145550[01]\d\d$/.test(s.number)).map((s) => ({
  number: s.number,
  /** A harness page registers as the number (its From user part is the caller id). */
  user: s.number.replace(/^\+/, ''),
}));

export interface Stage {
  kam: KamailioInstance;
  poste: RunningPoste;
  browser: Browser;
  harness: HarnessServer;
  page: Page;
  /** A harness phone registered as `user` (a client's number, or an extension). */
  phone(user: string, micHz?: number): Promise<Phone>;
  /** Read-only query on the console's database. */
  query<T>(sql: string, ...params: unknown[]): T[];
  stop(): Promise<void>;
}

export async function startStage(): Promise<Stage> {
  const kam = await startKamailio();
  const [poste, browser, harness] = await Promise.all([
    startPosteWeb({
      env: {
        POSTE_SIP_WS: kam.wsUrl,
        POSTE_SIP_URI: MARC_URI,
        POSTE_SIP_AUTH_USER: '201',
        POSTE_SIP_PASSWORD: 'demo',
        POSTE_SIP_DISPLAY_NAME: 'Marc Gagnon',
      },
    }),
    launchChromium(),
    serveSoftphoneHarness(),
  ]);
  const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(poste.url);
  const phones: Phone[] = [];
  let hz = 900;
  return {
    kam,
    poste,
    browser,
    harness,
    page,
    async phone(user, micHz) {
      const p = await openPhone(browser, harness.url, kam, { user, micHz: micHz ?? (hz += 37), backoffInitialMs: 300 });
      phones.push(p);
      return p;
    },
    query<T>(sql: string, ...params: unknown[]): T[] {
      const db = new Database(join(poste.dataDir, 'poste.sqlite'), { readonly: true, fileMustExist: true });
      try {
        return db.prepare(sql).all(...params) as T[];
      } finally {
        db.close();
      }
    },
    async stop() {
      await Promise.all(phones.map((p) => p.close()));
      await browser.close().catch(() => undefined);
      await harness.close();
      await poste.stop();
      await kam.stop();
    },
  };
}

export const badge = (page: Page) => page.getByRole('status', { name: 'État du téléphone' });

/**
 * Records every text the registration badge shows, with the time (`window.badgeSeen`), to
 * tell "dropped then came back" from "never noticed".
 */
export async function watchBadge(page: Page): Promise<void> {
  await visible(badge(page).getByText('Connecté', { exact: true }), 20_000);
  await page.evaluate(() => {
    const w = window as unknown as { badgeSeen?: { at: number; text: string }[] };
    if (w.badgeSeen) return;
    const seen: { at: number; text: string }[] = [];
    w.badgeSeen = seen;
    const el = document.querySelector('[role="status"][aria-label="État du téléphone"]');
    if (!el) throw new Error('no registration badge');
    new MutationObserver(() => seen.push({ at: Date.now(), text: el.textContent ?? '' })).observe(el, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

export async function badgeMark(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { badgeSeen: unknown[] }).badgeSeen.length);
}

/**
 * Waits until the badge left « Connecté » after `mark` and shows it again; returns the time
 * it came back (page clock = this machine's clock).
 */
export async function connectedAgainAt(page: Page, mark: number, timeoutMs: number): Promise<number> {
  return eventually(
    async () => {
      const seen = await page.evaluate(
        (m) => (window as unknown as { badgeSeen: { at: number; text: string }[] }).badgeSeen.slice(m),
        mark,
      );
      const left = seen.findIndex((s) => !/^Connecté/.test(s.text));
      expect(left, 'the badge never left « Connecté »').toBeGreaterThanOrEqual(0);
      const last = seen.at(-1);
      expect(last?.text).toMatch(/^Connecté/);
      // The first « Connecté » after the drop.
      const back = seen.slice(left).find((s) => /^Connecté/.test(s.text));
      return back?.at ?? 0;
    },
    timeoutMs,
    50,
  );
}

/** The console's live calls list (absent when there is no call). */
export const callsList = (page: Page) => page.getByRole('list', { name: 'Appels' });

export async function noLiveCall(page: Page, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => expect(await callsList(page).count()).toBe(0), timeoutMs);
}

/** A harness phone calls Marc; the console pops the call and Marc answers with « Répondre ». */
export async function takeCall(page: Page, caller: Phone, name: string): Promise<string> {
  const callId: string = await caller.run((h, uri) => h.engine.call(uri), MARC_URI);
  const live = page.getByRole('group', { name: `Appel en cours ${frenchOf(name)}` });
  await live.getByRole('button', { name: 'Répondre', exact: true }).click({ timeout: 10_000 });
  await caller.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', callId, 10_000);
  return callId;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number;
}
