/**
 * The console's softphone end to end: Kamailio on loopback, the web host with Marc's SIP
 * account in its environment, the console in Chromium, and a client phone (the engine
 * harness) calling from Catherine Lavoie's number (PU-1b in the demo data).
 *
 * Catherine calls Marc → before he answers, his console shows her record and the verdict
 * « Règle PU-1b » while her phone still rings → he answers from the screen-pop, audio flows,
 * he hangs up → the call log has the answer, the end, the duration and the cause. Then the
 * SIP server restarts and the header says « Connecté » again within 5 s, without a click.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../../electron/services/demo/scenarios';
import { launchChromium } from '../support/chromium';
import { startKamailio, type KamailioInstance } from '../support/kamailio';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { openPhone, serveSoftphoneHarness, type HarnessServer, type Phone } from '../support/softphone-harness';
import { eventually, visible } from '../support/ui';

const pu1b = DEMO_SCENARIOS.find((s) => s.rule === 'PU-1b');
/** The client's phone registers as her number: the From user part is the caller id. */
const CLIENT_USER = (pu1b?.number ?? '+15145550102').replace(/^\+/, '');
const MARC_URI = 'sip:201@poste.test';

let kam: KamailioInstance;
let poste: RunningPoste;
let browser: Browser;
let harness: HarnessServer;
let page: Page;
let catherine: Phone;
let julie: Phone;
let desk: Phone;

interface CallLogRow {
  direction: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_s: number | null;
  hangup_cause: string | null;
  agent_id: string | null;
  client_id: string | null;
}

function callLog(): CallLogRow[] {
  const db = new Database(join(poste.dataDir, 'poste.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return db
      .prepare(
        "SELECT direction, answered_at, ended_at, duration_s, hangup_cause, agent_id, client_id FROM call_log WHERE remote_number = ? AND simulated = 0 ORDER BY started_at",
      )
      .all(pu1b?.number ?? '+15145550102') as CallLogRow[];
  } finally {
    db.close();
  }
}

const badge = () => page.getByRole('status', { name: 'État du téléphone' });

beforeAll(async () => {
  kam = await startKamailio();
  [poste, browser, harness] = await Promise.all([
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
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(poste.url);
  [catherine, julie, desk] = await Promise.all([
    openPhone(browser, harness.url, kam, { user: CLIENT_USER, micHz: 1000, displayName: 'Catherine' }),
    openPhone(browser, harness.url, kam, { user: '202', micHz: 1400, displayName: 'Julie Tremblay' }),
    openPhone(browser, harness.url, kam, { user: '299', micHz: 1800, displayName: 'Bureau' }),
  ]);
}, 60_000);

afterAll(async () => {
  await Promise.all([catherine?.close(), julie?.close(), desk?.close()]);
  await browser?.close();
  await harness?.close();
  await poste?.stop();
  await kam?.stop();
});

describe('Marc takes a call from Catherine Lavoie on the console’s softphone', () => {
  it('registers by itself from the account in the environment', async () => {
    await visible(badge().getByText('Connecté', { exact: true }), 15_000);
    await visible(page.getByRole('region', { name: 'Téléphone' }));
  });

  it('sees Julie go on a call in the directory (her phone’s dialog state, through Kamailio)', async () => {
    await julie.run((h) => h.engine.call('sip:299@poste.test'));
    const ringing: string = await desk.waitFor((h) => h.liveCall()?.id ?? false);
    await desk.run((h, id) => h.engine.answer(id), ringing);
    const lamp = page.getByRole('region', { name: 'Collègues' }).getByRole('listitem').filter({ hasText: 'Julie Tremblay' });
    await visible(lamp.getByText('En appel', { exact: true }), 5_000);
  });

  it('shows her record and the PU-1b verdict while her phone still rings, then Marc answers from the screen-pop', async () => {
    expect(pu1b).toBeDefined();
    // The ringing call and its screen-pop are drawn in one commit: note what the page holds when
    // the first of the two appears.
    expect(await page.locator('.pop, .sp-call--ringing').count()).toBe(0);
    await page.evaluate(() => {
      const seen = window as unknown as { firstDrawn?: { pop: boolean; ringing: boolean } };
      const observer = new MutationObserver(() => {
        const drawn = { pop: document.querySelector('.pop') !== null, ringing: document.querySelector('.sp-call--ringing') !== null };
        if (!drawn.pop && !drawn.ringing) return;
        seen.firstDrawn = drawn;
        observer.disconnect();
      });
      observer.observe(document.body, { subtree: true, childList: true });
    });
    const clientCall: string = await catherine.run((h, uri) => h.engine.call(uri), MARC_URI);
    await visible(page.getByRole('region', { name: '1 · Identité' }).getByText(/Catherine/).first());
    await visible(page.getByText('Règle PU-1b').first());
    const pop = page.getByRole('region', { name: /Lavoie/ }).first();
    await visible(pop.getByText('Booker, puis taguer le DA pour Julie Tremblay', { exact: true }));
    // Still ringing at Catherine's end: the record came before the answer.
    const before: string = await catherine.run((h, id) => h.engine.getCall(id)?.state, clientCall);
    expect(['calling', 'proceeding']).toContain(before);
    expect(await page.evaluate(() => (window as unknown as { firstDrawn?: unknown }).firstDrawn)).toEqual({ pop: true, ringing: true });

    const live = page.getByRole('group', { name: 'Appel en cours de Catherine Lavoie' });
    await live.getByRole('button', { name: 'Répondre', exact: true }).click();
    await catherine.waitFor((h, id) => h.engine.getCall(id)?.state === 'active', clientCall);

    // RTP reaches Catherine from Marc's console.
    const packets = (): Promise<number> =>
      catherine.run((h, id) => h.stats(id).then((s: { packetsReceived: number }) => s.packetsReceived), clientCall);
    const first = await packets();
    await new Promise((r) => setTimeout(r, 700));
    expect((await packets()) - first).toBeGreaterThan(10);
    const calls = page.getByRole('list', { name: 'Appels' });
    await visible(calls.getByText('En ligne'));
    await visible(calls.getByRole('timer', { name: 'Durée' }));

    await new Promise((r) => setTimeout(r, 1100));
    await calls.getByRole('button', { name: 'Raccrocher' }).click();
    await catherine.waitFor((h, id) => h.engine.getCall(id)?.state === 'ended' || !h.engine.getCall(id), clientCall);
  });

  it('logs the call: answered, ended, its duration and who hung up', async () => {
    const rows = await eventually(() => {
      const r = callLog();
      expect(r[0]?.ended_at).toBeTruthy();
      return r;
    });
    expect(rows).toHaveLength(1);
    const row = rows[0] as CallLogRow;
    expect(row.direction).toBe('inbound');
    expect(row.agent_id).toBe('marc');
    expect(row.client_id).not.toBeNull();
    expect(row.answered_at).toBeTruthy();
    expect(row.duration_s).toBeGreaterThanOrEqual(1);
    expect(row.hangup_cause).toBe('local_hangup');
  });

  it('comes back « Connecté » within 5 s of a SIP server restart, without a click, and takes the next call', async () => {
    // Record every text the badge shows, to prove it saw the drop and came back by itself.
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { badgeSeen: string[] }).badgeSeen = seen;
      const el = document.querySelector('[role="status"][aria-label="État du téléphone"]');
      if (!el) throw new Error('no registration badge');
      new MutationObserver(() => seen.push(`${Date.now()} ${el.textContent ?? ''}`)).observe(el, {
        subtree: true,
        childList: true,
        characterData: true,
      });
    });
    await kam.restart();
    const restartedAt = Date.now();
    await eventually(async () => {
      const seen = await page.evaluate(() => (window as unknown as { badgeSeen: string[] }).badgeSeen);
      expect(seen.some((s) => !/ Connecté$/.test(s))).toBe(true);
      expect(seen.at(-1)).toMatch(/ Connecté$/);
    }, 5_000);
    expect(Date.now() - restartedAt).toBeLessThan(5_000);
    await catherine.waitFor((h) => h.engine.registration.state === 'registered', undefined, 10_000);
    const next: string = await catherine.run((h, uri) => h.engine.call(uri), MARC_URI);
    const live = page.getByRole('group', { name: 'Appel en cours de Catherine Lavoie' });
    await live.getByRole('button', { name: 'Refuser', exact: true }).click();
    await catherine.waitFor((h, id) => h.engine.getCall(id)?.state === 'ended' || !h.engine.getCall(id), next);
  });
});
