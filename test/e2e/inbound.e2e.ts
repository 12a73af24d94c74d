import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCENARIOS } from '../../electron/services/demo/scenarios';
import { launchChromium } from '../support/chromium';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { eventually, visible } from '../support/ui';

/**
 * The screen-pop on demo data: Marc takes a (simulated) call from a client whose handled
 * OPP belongs to Julie, who is on a call → book and tag the DA (PU-1b); the DA sees it.
 */
let poste: RunningPoste;
let browser: Browser;
let page: Page;

const pu1b = DEMO_SCENARIOS.find((s) => s.rule === 'PU-1b');
/** A database id (UUID) as the review found them in the verdict's text. */
const UUID_LIKE = /[0-9a-f]{8}-[0-9a-f]{4}/i;

function readDb<T>(sql: string, ...params: unknown[]): T[] {
  const db = new Database(join(poste.dataDir, 'poste.sqlite'), { readonly: true });
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

beforeAll(async () => {
  poste = await startPosteWeb();
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(poste.url);
});

afterAll(async () => {
  await browser?.close();
  await poste?.stop();
});

/** Marc simulates an inbound call from this number, as an agent would from the header. */
async function simulateCall(number: string): Promise<void> {
  await page.getByText('Simuler un appel entrant').click();
  await page.getByLabel(/Numéro de l’appelant/).fill(number);
  await page.getByRole('button', { name: 'Lancer la simulation' }).click();
}

describe('a simulated inbound call', () => {
  it('pops the record and the verdict: book and tag the DA, rule PU-1b, with the procedure one click away', async () => {
    expect(pu1b).toBeDefined();
    await simulateCall('514 555-0102');
    const pop = page.getByRole('region', { name: /Lavoie|Appel entrant/ }).first();
    await visible(pop.getByText('Simulation', { exact: true }));
    await visible(pop.getByText('Booker, puis taguer le DA pour Julie Tremblay', { exact: true }));
    await visible(pop.getByText('Règle PU-1b'));
    await visible(pop.getByText(/Julie Tremblay, qui est en appel/));
    await pop.getByRole('button', { name: 'Voir la procédure' }).click();
    await visible(pop.getByText(/tague le DA pour l’attribuer au gestionnaire initial/));
    await visible(page.getByRole('region', { name: '1 · Identité' }));
  });

  it('applying it creates the DA task, the activity and the call-log entry', async () => {
    const pop = page.locator('.pop');
    await pop.getByRole('button', { name: 'Taguer le DA (pour Julie Tremblay)' }).click();
    await visible(pop.getByText('✓ Fait'));
    const calls = await eventually(() => {
      const rows = readDb<{ verdict_applied: string | null; simulated: number; verdict_shown: string }>(
        "SELECT verdict_applied, simulated, verdict_shown FROM call_log WHERE remote_number = '+15145550102'",
      );
      expect(rows[0]?.verdict_applied).toMatch(/^tag_da:/);
      return rows;
    });
    expect(calls).toHaveLength(1);
    expect(calls[0]?.simulated).toBe(1);
    expect(JSON.parse(calls[0]?.verdict_shown ?? '{}')).toMatchObject({ decision: 'book_and_tag_da', rules: ['PU-1b'] });
    expect(readDb("SELECT kind, rule, target_agent_id, created_by FROM da_tasks WHERE state = 'open'")).toEqual([
      { kind: 'assign', rule: 'PU-1b', target_agent_id: 'julie', created_by: 'marc' },
    ]);
    expect(readDb("SELECT agent_id FROM activities WHERE kind = 'tag_da'")).toEqual([{ agent_id: 'marc' }]);
    await visible(page.getByRole('region', { name: '8 · Historique' }).getByText(/Julie Tremblay/).first());
  });

  it('the DA’s list shows it, and the DA gives the OPP back to Julie', async () => {
    await page.getByLabel('Agent au poste').selectOption('sophie');
    const list = page.getByRole('region', { name: /À traiter par le DA/ });
    await visible(list.getByText('Catherine Lavoie'));
    await visible(list.getByText('Attribuer l’OPP à Julie Tremblay'));
    await visible(list.getByText(/Tagué par Marc Gagnon · PU-1b/));
    await list.getByRole('button', { name: 'Faire' }).click();
    await visible(list.getByText('Rien à traiter.'));
    expect(readDb("SELECT state, done_by FROM da_tasks")).toEqual([{ state: 'done', done_by: 'sophie' }]);
    await page.getByLabel('Agent au poste').selectOption('marc');
  });

  it('an override needs a reason and is written to the call log', async () => {
    await simulateCall('+1 514 555 0103');
    const pop = page.locator('.pop');
    await visible(pop.getByText('Règle PU-2'));
    await pop.getByRole('button', { name: 'Ne pas suivre le verdict' }).click();
    const submit = pop.getByRole('button', { name: 'Enregistrer la dérogation' });
    expect(await submit.isDisabled()).toBe(true);
    await pop.getByLabel('Raison (obligatoire)').fill('Le client demande à parler à Julie');
    await submit.click();
    await visible(pop.getByText('Dérogation enregistrée'));
    expect(readDb("SELECT verdict_applied, override_reason FROM call_log WHERE remote_number = '+15145550103'")).toEqual([
      { verdict_applied: 'override', override_reason: 'Le client demande à parler à Julie' },
    ]);
  });

  it('a callback inside the 3 hours (CB-1) shows the window counting down, second by second', async () => {
    await simulateCall('514 555 0104');
    const pop = page.locator('.pop');
    await visible(pop.getByText('Règle CB-1'));
    const timer = pop.getByRole('timer');
    const first = await timer.textContent();
    expect(first).toMatch(/^Fenêtre de rappel de 3 h : encore \d:\d\d:\d\d$/);
    await expect.poll(() => timer.textContent(), { timeout: 5000 }).not.toBe(first);
  });

  it('the verdict names the financing request, the meeting and the OPP, never their ids (FIN-1)', async () => {
    await simulateCall('+1 514 555 0110');
    const pop = page.locator('.pop');
    await visible(pop.getByText('Règle FIN-1'));
    const text = (await pop.locator('.pop-explanation').textContent()) ?? '';
    expect(text).not.toMatch(UUID_LIKE);
    expect(text).toContain('demande de financement (Credsii cote D/E, créée le ');
    expect(text).toMatch(/annulez le rendez-vous (du \d{4}-\d{2}-\d{2}|d’aujourd’hui) à \d{1,2} h \d{2}/);
    expect(text).toMatch(/mettra l’OPP « Lead Internet du [^»]+ » invalide/);
    expect(text).not.toContain("'");
    // The one-click buttons still carry the ids the actions need.
    await visible(pop.getByRole('button', { name: 'Annuler le RDV (DA)' }));
  });

  it('the verdict names the missed meeting by its day and time, never by its id (NS-1)', async () => {
    await simulateCall('+1 514 555 0108');
    const pop = page.locator('.pop');
    await visible(pop.getByText('Règle NS-1'));
    const text = (await pop.locator('.pop-explanation').textContent()) ?? '';
    expect(text).not.toMatch(UUID_LIKE);
    expect(text).toMatch(/no-show au rendez-vous (du \d{4}-\d{2}-\d{2}|d’aujourd’hui) à \d{1,2} h \d{2} pris par Julie Tremblay/);
  });

  it('call waiting: the contacts behind the one on screen are named, and one click brings one back', async () => {
    const pop = page.locator('.pop');
    const waiting = page.getByTestId('pop-waiting');
    await visible(waiting);
    expect(await waiting.textContent()).toMatch(/^\d+ contacts? en attente :/);
    // The FIN-1 caller came just before the NS-1 one on screen.
    const back = waiting.getByRole('button', { name: /^Reprendre / }).first();
    const name = ((await back.textContent()) ?? '').replace(/^Reprendre /, '');
    expect(name).not.toMatch(/^\+?\d/);
    await back.click();
    await visible(pop.getByText('Règle FIN-1'));
    await visible(waiting.getByRole('button', { name: /^Reprendre / }));
  });

  it('an unknown caller gets the Phone-Up form, in the receiver’s name', async () => {
    await simulateCall('819 555 0177');
    const pop = page.locator('.pop');
    await visible(pop.getByText('Appelant inconnu'));
    await visible(pop.getByText('Règle EL-1'));
    const form = page.getByRole('form', { name: 'Nouvelle OPP Phone-Up' });
    // Sent empty, it says what is missing in the console's words, at each field.
    await form.getByRole('button', { name: 'Créer l’OPP' }).click();
    await visible(form.getByText('Ce champ est obligatoire.').first());
    expect(await form.getByText('Ce champ est obligatoire.').count()).toBe(2);
    expect(await form.getByLabel('Prénom').getAttribute('aria-invalid')).toBe('true');
    await form.getByLabel('Prénom').fill('Gabriel');
    await form.getByLabel('Nom', { exact: true }).fill('Bouchard');
    await form.getByRole('button', { name: 'Créer l’OPP' }).click();
    await visible(page.getByRole('region', { name: '1 · Identité' }).getByText('Gabriel Bouchard'));
    expect(readDb("SELECT o.type, o.status, o.manager_id FROM opportunities o JOIN client_phones p ON p.client_id = o.client_id WHERE p.e164 = '+18195550177'")).toEqual([
      { type: 'phone_up', status: 'in_progress', manager_id: 'marc' },
    ]);
  });
});
