/**
 * Zone 9's actions that cross SIP, from the record in Chromium (issue 5, « Done means »):
 * Kamailio on loopback, the web host with Marc's account (201) in its environment, and two
 * harness phones: Éloïse Côté-Tremblay's mobile (registered as her number, +15145550199, so
 * `sip:+15145550199@poste.test` reaches it for calls and texts) and Marc's desk phone, his
 * BLEAD callback device. The settings (SMS domain, callback device, 5 s ring timeout) are
 * written to the web host's settings file before it starts.
 *
 * BLEAD: device unanswered → nothing written; contact unanswered → nothing written; both
 * answer → one history line with the duration, the OPP handled by Marc. SMS: the filled
 * template reaches her phone as a MESSAGE, zone 11 and the history show it, her reply comes
 * back into zone 11; a failed route shows the reason and writes nothing. Appeler: her phone
 * answers, Marc hangs up: the history line with its duration and the outbound call log row.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { HOSTILE_SCENARIO_NUMBER } from '../../electron/services/demo/scenarios';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings';
import { launchChromium } from '../support/chromium';
import { startKamailio, type KamailioInstance } from '../support/kamailio';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { openPhone, serveSoftphoneHarness, type HarnessServer, type Phone } from '../support/softphone-harness';
import { eventually, visible } from '../support/ui';

/** Éloïse Côté-Tremblay's mobile (demo data). */
const ELOISE = HOSTILE_SCENARIO_NUMBER;
const DESK_USER = '298';
/** « Relance J2 » filled for Éloïse by Marc (her OPP's stock is S31337). */
const RELANCE_J2 =
  "Bonjour Éloïse, c'est Marc Gagnon. Je voulais m'assurer que vous aviez reçu l'information sur le véhicule S31337. Avez-vous des questions?";
const REPLY = 'Oui, merci! Samedi matin pour un essai?';

let kam: KamailioInstance;
let poste: RunningPoste;
let browser: Browser;
let harness: HarnessServer;
let page: Page;
let eloise: Phone;
let desk: Phone;
let clientId = '';
const startedAt = new Date().toISOString();
const pageErrors: string[] = [];

function withDb<T>(fn: (db: Database.Database) => T): T {
  const db = new Database(join(poste.dataDir, 'poste.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return fn(db);
  } finally {
    db.close();
  }
}

interface ActivityRow {
  id: string;
  kind: string;
  agent_id: string | null;
  data: string | null;
}

function activities(kind?: string): ActivityRow[] {
  return withDb(
    (db) =>
      db
        .prepare(`SELECT id, kind, agent_id, data FROM activities WHERE client_id = ? ${kind ? 'AND kind = ?' : ''} ORDER BY at, id`)
        .all(...(kind ? [clientId, kind] : [clientId])) as ActivityRow[],
  );
}

interface OppRow {
  id: string;
  status: string;
  handled_by: string | null;
  handled_at: string | null;
  collaborator_id: string | null;
  updated_at: string;
}

function opportunities(): OppRow[] {
  return withDb(
    (db) =>
      db
        .prepare('SELECT id, status, handled_by, handled_at, collaborator_id, updated_at FROM opportunities WHERE client_id = ? ORDER BY id')
        .all(clientId) as OppRow[],
  );
}

interface TextRow {
  direction: string;
  agent_id: string | null;
  e164: string;
  body: string;
  template_name: string | null;
}

function texts(): TextRow[] {
  return withDb(
    (db) =>
      db
        .prepare('SELECT direction, agent_id, e164, body, template_name FROM texts WHERE client_id = ? ORDER BY at, id')
        .all(clientId) as TextRow[],
  );
}

/** Every row an action may write for Éloïse's record. */
function snapshot(): unknown {
  return { activities: activities(), opportunities: opportunities(), texts: texts() };
}

const actions = () => page.getByRole('region', { name: '9 · Action' });
const history = () => page.getByRole('region', { name: '8 · Historique' });
const zone11 = () => page.getByRole('region', { name: '11 · SMS envoyés' });
const dialog = () => page.getByRole('dialog');
const callbackLines = () => history().getByText(/Rappel effectué par Marc Gagnon, durée \d\d:\d\d/);

async function closeDialog(): Promise<void> {
  await dialog().getByRole('button', { name: 'Fermer' }).first().click();
  await eventually(async () => expect(await dialog().count()).toBe(0));
}

/** What a harness phone does with the next INVITEs: ring only, answer, or refuse after ringing. */
async function onRing(phone: Phone, mode: 'ring' | 'answer' | 'refuse'): Promise<void> {
  await phone.run((h, m) => {
    h.onRing = m;
  }, mode);
}

const noLiveCall = (phone: Phone): Promise<boolean> =>
  phone.waitFor((h) => h.engine.getCalls().every((c: { state: string }) => c.state === 'ended'), undefined, 10_000);

beforeAll(async () => {
  kam = await startKamailio();
  const dataDir = mkdtempSync(join(tmpdir(), 'poste-e2e-sip-actions-'));
  const settings: Settings = {
    ...DEFAULT_SETTINGS,
    agentId: 'marc',
    smsDomain: kam.domain,
    callbackDevices: [{ id: 'desk', label: 'Poste de bureau', target: `sip:${DESK_USER}@${kam.domain}` }],
    bleadRingTimeoutS: 5,
  };
  writeFileSync(join(dataDir, 'settings.json'), JSON.stringify(settings, null, 2));
  [poste, browser, harness] = await Promise.all([
    startPosteWeb({
      dataDir,
      env: {
        POSTE_SIP_WS: kam.wsUrl,
        POSTE_SIP_URI: `sip:201@${kam.domain}`,
        POSTE_SIP_AUTH_USER: '201',
        POSTE_SIP_PASSWORD: 'demo',
        POSTE_SIP_DISPLAY_NAME: 'Marc Gagnon',
      },
    }),
    launchChromium(),
    serveSoftphoneHarness(),
  ]);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  [eloise, desk] = await Promise.all([
    openPhone(browser, harness.url, kam, { user: ELOISE, micHz: 1000, displayName: 'Éloïse' }),
    openPhone(browser, harness.url, kam, { user: DESK_USER, micHz: 1400, displayName: 'Bureau de Marc' }),
    page.goto(poste.url),
  ]);
  for (const phone of [eloise, desk]) {
    await phone.run((h) => {
      h.onRing = 'ring';
      h.engine.on('incomingCall', (c: { id: string }) => {
        const mode = h.onRing;
        if (mode === 'answer') setTimeout(() => void h.engine.answer(c.id), 300);
        if (mode === 'refuse') setTimeout(() => void h.engine.decline(c.id), 1500);
      });
    });
  }
  clientId = withDb(
    (db) => (
        db
          .prepare("SELECT p.client_id FROM client_phones p JOIN clients c ON c.id = p.client_id WHERE p.e164 = ? AND c.first_name = 'Éloïse'")
          .get(ELOISE) as { client_id: string }
      ).client_id,
  );
  await visible(page.getByRole('status', { name: 'État du téléphone' }).getByText('Connecté', { exact: true }), 15_000);
  await page.getByLabel('Rechercher un client').fill('(514) 555-0199');
  await page.getByRole('button', { name: /Ouvrir la fiche d’Éloïse Côté-Tremblay/ }).first().click();
  await visible(actions());
}, 60_000);

// A failed step must not leave its dialog over the record for the next one.
afterEach(async () => {
  if ((await dialog().count()) > 0) await closeDialog();
});

afterAll(async () => {
  await Promise.all([eloise?.close(), desk?.close()]);
  await browser?.close();
  await harness?.close();
  await poste?.stop();
  await kam?.stop();
});

async function startBlead(): Promise<void> {
  await actions().getByRole('button', { name: 'Appeler via BLEAD', exact: true }).click();
  // The device list comes from the settings, read when the dialog opens.
  await eventually(async () => expect(await dialog().getByLabel('Votre téléphone').inputValue()).toBe('desk'));
  await dialog().getByLabel('Numéro du contact').selectOption(ELOISE);
  await dialog().getByRole('button', { name: /Lancer l.appel/ }).click();
}

describe('BLEAD from the record (callback device first, then the contact)', () => {
  it('the desk phone never answers: cancelled after the 5 s ring timeout, no row changes', async () => {
    const before = snapshot();
    expect(opportunities()[0]?.handled_by).toBeNull();
    await onRing(desk, 'ring');
    await startBlead();
    await visible(dialog().getByText('Votre téléphone sonne… décrochez (5 s).'));
    await desk.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false);
    const t0 = Date.now();
    await visible(dialog().getByText('Votre téléphone n’a pas répondu : l’appel est annulé, rien n’a changé.'), 10_000);
    expect(Date.now() - t0).toBeGreaterThan(3_000);
    await noLiveCall(desk);
    expect(await eloise.run((h) => h.engine.getCalls().length)).toBe(0);
    await new Promise((r) => setTimeout(r, 300));
    expect(snapshot()).toEqual(before);
    await closeDialog();
  });

  it('the contact does not answer (her phone rings, then refuses): the desk leg ends, no row changes', async () => {
    const before = snapshot();
    await onRing(desk, 'answer');
    await onRing(eloise, 'refuse');
    await startBlead();
    await eloise.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'ringing')?.id ?? false);
    await visible(dialog().getByText('Le contact n’a pas répondu : rien n’a changé.'), 10_000);
    await Promise.all([noLiveCall(desk), noLiveCall(eloise)]);
    await new Promise((r) => setTimeout(r, 300));
    expect(snapshot()).toEqual(before);
    await closeDialog();
  });

  it('both answer, Éloïse hangs up: one « Rappel effectué par Marc Gagnon, durée mm:ss », the OPP handled by Marc', async () => {
    const before = opportunities();
    expect(await callbackLines().count()).toBe(0);
    await onRing(desk, 'answer');
    await onRing(eloise, 'answer');
    await startBlead();
    const contactCall: string = await eloise.waitFor(
      (h) => h.liveCall((c: { state: string }) => c.state === 'active')?.id ?? false,
    );
    // The two legs are bridged: the desk phone hears Éloïse's tone.
    const deskCall: string = await desk.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'active')?.id ?? false);
    await eventually(async () => {
      const level = await desk.run((h, id) => h.peakDb(id, [1000], 300), deskCall);
      expect(level[1000]).toBeGreaterThan(-60);
    }, 5_000);
    await new Promise((r) => setTimeout(r, 1_500));
    await eloise.run((h, id) => h.engine.hangup(id), contactCall);
    await noLiveCall(desk);
    await visible(dialog().getByText(/^Rappel enregistré, durée 00:0[1-9]\.$/), 10_000);
    await visible(callbackLines());
    expect(await callbackLines().count()).toBe(1);

    const rows = activities('blead_call');
    expect(rows).toHaveLength(1);
    const data = JSON.parse(rows[0]?.data ?? '{}') as { durationS: number; deviceId: string; e164: string; answered: boolean };
    expect(rows[0]?.agent_id).toBe('marc');
    expect(data).toMatchObject({ deviceId: 'desk', e164: ELOISE, answered: true });
    expect(data.durationS).toBeGreaterThanOrEqual(1);
    const after = opportunities();
    expect(after).toHaveLength(before.length);
    const opp = after[0] as OppRow;
    // Traitée by Marc, zone 6's collaborator Marc; a booked OPP keeps its status.
    expect(opp.handled_by).toBe('marc');
    expect(opp.handled_at).not.toBeNull();
    expect(opp.collaborator_id).toBe('marc');
    expect(opp.status).toBe(before[0]?.status);
    await closeDialog();
  });
});

describe('SMS from the record (SIP MESSAGE through Marc’s account)', () => {
  it('« Relance J2 » reaches her phone filled, shows in zone 11 and the history, one texts row', async () => {
    const textsBefore = texts();
    await actions().getByRole('button', { name: 'SMS', exact: true }).click();
    await dialog().getByLabel('Modèle').selectOption({ label: 'Relance J2' });
    await expect(dialog().getByRole('textbox', { name: 'Message' }).inputValue()).resolves.toBe(RELANCE_J2);
    const seen: number = await eloise.run((h) => h.eventsNamed('message').length);
    await dialog().getByRole('button', { name: 'Envoyer', exact: true }).click();
    const msg = await eloise.waitFor((h, n) => h.eventsNamed('message')[n]?.payload ?? false, seen);
    expect(msg.body).toBe(RELANCE_J2);
    expect(msg.from).toBe('201');
    await visible(dialog().getByText('SMS envoyé.', { exact: true }));
    await closeDialog();
    await visible(zone11().getByText(RELANCE_J2));
    await visible(history().getByText('SMS « Relance J2 » envoyé par Marc Gagnon'));
    const after = texts();
    expect(after).toHaveLength(textsBefore.length + 1);
    expect(after.at(-1)).toEqual({ direction: 'out', agent_id: 'marc', e164: ELOISE, body: RELANCE_J2, template_name: 'Relance J2' });
    expect(activities('sms')).toHaveLength(1);
  });

  it('her reply (a MESSAGE to Marc) appears in zone 11', async () => {
    const result = await eloise.run((h, [uri, body]) => h.engine.sendMessage(uri, body), [`sip:201@${kam.domain}`, REPLY] as const);
    expect(result).toEqual({ ok: true });
    await visible(zone11().getByText(REPLY));
    const last = await eventually(() => {
      const row = texts().at(-1);
      expect(row?.direction).toBe('in');
      return row;
    });
    expect(last).toMatchObject({ direction: 'in', e164: ELOISE, body: REPLY });
  });
});

describe('Appeler from the record', () => {
  it('her phone answers, Marc hangs up: the history line with the duration, the outbound call-log row', async () => {
    await onRing(eloise, 'answer');
    await actions().getByRole('button', { name: 'Appeler', exact: true }).click();
    await dialog().getByLabel('Numéro du contact').selectOption(ELOISE);
    await dialog().getByRole('button', { name: 'Composer', exact: true }).click();
    await visible(dialog().getByText(/^Appel en cours vers /));
    const call: string = await eloise.waitFor((h) => h.liveCall((c: { state: string }) => c.state === 'active')?.id ?? false);
    await closeDialog();
    await new Promise((r) => setTimeout(r, 1_600));
    await page.getByRole('list', { name: 'Appels' }).getByRole('button', { name: 'Raccrocher' }).click();
    await eloise.waitFor((h, id) => h.engine.getCall(id)?.state === 'ended' || !h.engine.getCall(id), call);

    await eventually(async () => expect(await callbackLines().count()).toBe(2));
    const placed = await eventually(() => {
      const rows = activities('call');
      expect(rows).toHaveLength(1);
      const data = JSON.parse(rows[0]?.data ?? '{}') as { direction: string; e164: string; answered?: boolean; durationS?: number };
      expect(data.answered).toBe(true);
      return data;
    });
    expect(placed).toMatchObject({ direction: 'outbound', e164: ELOISE });
    expect(placed.durationS).toBeGreaterThanOrEqual(1);

    const log = await eventually(() => {
      const rows = withDb(
        (db) =>
          db
            .prepare(
              "SELECT direction, remote_number, client_id, agent_id, answered_at, ended_at, duration_s, hangup_cause FROM call_log WHERE started_at >= ? AND simulated = 0 AND channel = 'phone'",
            )
            .all(startedAt) as {
            direction: string;
            remote_number: string;
            client_id: string | null;
            agent_id: string | null;
            answered_at: string | null;
            ended_at: string | null;
            duration_s: number | null;
            hangup_cause: string | null;
          }[],
      );
      expect(rows[0]?.ended_at).toBeTruthy();
      return rows;
    });
    // The BLEAD legs are not in the call log; this call is.
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({ direction: 'outbound', remote_number: ELOISE, client_id: clientId, agent_id: 'marc', hangup_cause: 'local_hangup' });
    expect(log[0]?.answered_at).toBeTruthy();
    expect(log[0]?.duration_s).toBeGreaterThanOrEqual(1);
  });
});

describe('SMS on a failing route', () => {
  it('her phone is gone (unregistered): the dialog says why and nothing is written', async () => {
    await eloise.run((h) => h.engine.stop());
    const before = snapshot();
    await actions().getByRole('button', { name: 'SMS', exact: true }).click();
    await dialog().getByLabel('Modèle').selectOption({ label: 'Relance J2' });
    await dialog().getByRole('button', { name: 'Envoyer', exact: true }).click();
    await visible(dialog().getByRole('alert').getByText('Le SMS n’est pas parti : le serveur l’a refusé (code 404). Rien n’a été enregistré.', { exact: true }), 10_000);
    await new Promise((r) => setTimeout(r, 300));
    expect(snapshot()).toEqual(before);
    await closeDialog();
    expect(pageErrors).toEqual([]);
  });
});
