/**
 * The day's follow-ups and the analysts' hand-off, in Chromium through the web host:
 * « Texto envoyé » goes with one round only (FU-2: a later round's note does not claim a
 * text nobody sent); Perdu BDC (FU-1) waits for the agent's yes and says it was done; and
 * « Passe aux analystes » (AN-1) opens from the record, says what is missing, and opens the
 * mail only once the CRE and the reasons are there.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/connection';
import { DATABASE_FILE } from '../../electron/services/paths';
import { addAgent, addClient, addOpportunity, ALWAYS } from '../support/seed';
import { launchChromium } from '../support/chromium';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { eventually, visible } from '../support/ui';

let poste: RunningPoste;
let browser: Browser;
let page: Page;
let dataDir: string;
let fresh: string;
let stale: string;

const daysAgo = (d: number) => new Date(Date.now() - d * 86_400_000).toISOString();

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'poste-e2e-followups-'));
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  addAgent(db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  addAgent(db, { id: 'nadia', name: 'Nadia Roy', role: 'analyst', shifts: ALWAYS });
  db.prepare("UPDATE agents SET email = 'nadia.roy@concession.ca' WHERE id = 'nadia'").run();
  // Sylvie: a lead Marc treated this morning. Denis: a file untouched for ten days (FU-1).
  const sylvie = addClient(db, { firstName: 'Sylvie', lastName: 'Caron', phones: ['+15145550311'] });
  fresh = addOpportunity(db, {
    clientId: sylvie,
    managerId: 'marc',
    handledBy: 'marc',
    status: 'contacted',
    createdAt: daysAgo(0.1),
  });
  const denis = addClient(db, { firstName: 'Denis', lastName: 'Ouellet', phones: ['+15145550322'] });
  stale = addOpportunity(db, {
    clientId: denis,
    managerId: 'marc',
    handledBy: 'marc',
    status: 'contacted',
    createdAt: daysAgo(10),
  });
  db.close();
  [poste, browser] = await Promise.all([startPosteWeb({ dataDir }), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  await page.goto(poste.url);
});

afterAll(async () => {
  await browser?.close();
  await poste?.stop();
});

const item = (opportunityId: string) =>
  page.locator(`[data-testid="followup-item"][data-opportunity-id="${opportunityId}"]`);
const dialog = () => page.getByRole('dialog');

/** The OPP's status as the cache holds it. */
function statusOf(opportunityId: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT status FROM opportunities WHERE id = ?').get(opportunityId) as { status: string })
      .status;
  } finally {
    db.close();
  }
}

describe('the day’s follow-ups', () => {
  it('« Texto envoyé » goes with the round it was ticked for, not with the next', async () => {
    const sylvie = await visible(item(fresh));
    const texted = sylvie.getByLabel('Texto envoyé');
    await texted.check();
    await sylvie.getByRole('button', { name: 'Relance faite' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('followup-logged').textContent()).toContain('PDR J1 R1 + TEXTO'),
    );
    await eventually(async () => expect(await texted.isChecked()).toBe(false));
    await sylvie.getByRole('button', { name: 'Relance faite' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('followup-logged').textContent()).toContain('PDR J1 R2'),
    );
    expect(await page.getByTestId('followup-logged').textContent()).not.toContain('TEXTO');
  });

  it('Perdu BDC waits for the agent’s yes, then says it was done', async () => {
    const denis = await visible(item(stale));
    expect(await denis.textContent()).toContain('10 jours sans contact (FU-1)');
    await denis.getByRole('button', { name: 'Mettre Perdu BDC' }).click();
    const confirm = denis.getByRole('group', { name: 'Mettre le dossier de Denis Ouellet en Perdu BDC?' });
    await visible(confirm);
    // The safe answer has the focus; « Annuler » changes nothing.
    expect(await confirm.getByRole('button', { name: 'Annuler' }).evaluate((el) => el === document.activeElement)).toBe(
      true,
    );
    await confirm.getByRole('button', { name: 'Annuler' }).click();
    expect(statusOf(stale)).toBe('contacted');
    await denis.getByRole('button', { name: 'Mettre Perdu BDC' }).click();
    await confirm.getByRole('button', { name: 'Oui, Perdu BDC' }).click();
    await eventually(async () =>
      expect(await page.getByTestId('followup-lost-done').textContent()).toBe(
        'Dossier de Denis Ouellet mis en Perdu BDC.',
      ),
    );
    await eventually(async () => expect(await item(stale).count()).toBe(0));
    expect(statusOf(stale)).toBe('lost_bdc');
  });
});

describe('« Passe aux analystes » (AN-1)', () => {
  it('opens from the record, names what is missing, and opens the mail once nothing is', async () => {
    await item(fresh).getByRole('button', { name: 'Ouvrir la fiche de Sylvie Caron' }).click();
    const actions = await visible(page.getByRole('region', { name: '9 · Action' }));
    await actions.getByRole('button', { name: 'Passe aux analystes…' }).click();
    const handoff = await visible(dialog());
    expect(await handoff.getByRole('heading').first().textContent()).toBe('Passe aux analystes');
    // What the record gives, and what it lacks: no CRE yet, no reasons.
    const facts = handoff.getByTestId('analyst-facts');
    expect(await facts.textContent()).toMatch(
      /CRE\s*manquant.*Prénom\s*Sylvie.*Nom\s*Caron.*Téléphone\s*\(514\) 555-0311.*Langue\s*français/s,
    );
    expect(await handoff.getByTestId('analyst-missing').textContent()).toBe('Il manque : CRE, Raisons');
    const open = handoff.getByRole('button', { name: 'Ouvrir le courriel' });
    expect(await open.isDisabled()).toBe(true);
    // The reasons are what the agent writes: the field has the focus.
    expect(await handoff.getByLabel('Raisons de la passe').evaluate((el) => el === document.activeElement)).toBe(true);
    await handoff
      .getByLabel('Raisons de la passe')
      .fill('Client refusé par la banque; veut une deuxième chance au crédit.');
    expect(await handoff.getByTestId('analyst-missing').textContent()).toBe('Il manque : CRE');
    await handoff.getByLabel('CRE (si la fiche n’en a pas)').fill('CRE-5512');
    expect(await handoff.getByTestId('analyst-missing').count()).toBe(0);
    await open.click();
    const link = await visible(handoff.getByTestId('mailto-link'));
    const href = (await link.getAttribute('href')) ?? '';
    expect(href).toMatch(/^mailto:nadia\.roy%40concession\.ca\?subject=/);
    const url = new URL(href);
    expect(url.searchParams.get('subject')).toBe('Passe aux analystes : Sylvie Caron — CRE CRE-5512');
    expect(url.searchParams.get('body')).toContain(
      'Raison(s) : Client refusé par la banque; veut une deuxième chance au crédit.',
    );
    await handoff.getByRole('button', { name: 'Fermer' }).first().click();
    await eventually(async () => expect(await dialog().count()).toBe(0));
  });
});
