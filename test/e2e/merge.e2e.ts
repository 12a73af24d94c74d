/**
 * Merging client records (issue 6, item 7), end to end: Debian's Chromium on the web host,
 * real SQLite. Éloïse is in the cache three times — the same mobile on two records, the
 * same e-mail on a third. Marc opens her record, sees « 2 doublons possibles », merges the
 * two others into it, and one record remains with every OPP, activity and text. Julien's
 * duplicate is merged by another console while Marc reads the summary: the service's
 * refusal is shown and nothing changes. Sophie's two records are proposed by a lead import
 * and merged from its report.
 */
import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/connection';
import { DATABASE_FILE } from '../../electron/services/paths';
import { launchChromium } from '../support/chromium';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { addActivity, addAgent, addClient, addOpportunity, ALWAYS } from '../support/seed';
import { eventually, visible } from '../support/ui';
import { frenchOf } from '../../renderer/app/french';

let poste: RunningPoste;
let browser: Browser;
let page: Page;
let dbFile: string;
const pageErrors: string[] = [];

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

/** What the seed wrote, by record: the rows that must all end on the kept record. */
const seeded = {
  eloise: { id: '', opportunities: [] as string[], activities: [] as string[], texts: [] as string[] },
  eloiseAgain: { id: '', opportunities: [] as string[], activities: [] as string[], texts: [] as string[] },
  eloiseAtWork: { id: '', opportunities: [] as string[], activities: [] as string[], texts: [] as string[] },
  julien: '',
  julienAgain: '',
  sophie: '',
  sophieAgain: '',
};

function addText(
  db: Database.Database,
  clientId: string,
  direction: 'in' | 'out',
  e164: string,
  body: string,
  at: string,
): string {
  const id = `txt-${clientId.slice(0, 8)}-${direction}-${body.length}`;
  db.prepare(
    `INSERT INTO texts (id, client_id, at, direction, agent_id, e164, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(id, clientId, at, direction, direction === 'out' ? 'marc' : null, e164, body, at, at);
  return id;
}

/** A read-only look at the web host's database (WAL: it sees what the host committed). */
function readDb<T>(read: (db: Database.Database) => T): T {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return read(db);
  } finally {
    db.close();
  }
}

function adf(id: string, first: string, last: string, phone: string, email: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<?adf version="1.0"?>
<adf><prospect>
<id sequence="1" source="Kijiji Autos">${id}</id>
<requestdate>${ago(2)}</requestdate>
<vehicle interest="buy" status="used"><year>2021</year><make>Honda</make><model>Civic</model></vehicle>
<customer><contact><name part="first">${first}</name><name part="last">${last}</name>
<email>${email}</email><phone type="cellphone">${phone}</phone></contact></customer>
<provider><name>Kijiji Autos</name></provider>
</prospect></adf>
`;
}

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'poste-e2e-merge-'));
  dbFile = join(dataDir, DATABASE_FILE);
  const db = openDatabase(dbFile);
  addAgent(db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });

  // Éloïse, three times over.
  const e = seeded.eloise;
  e.id = addClient(db, {
    firstName: 'Éloïse',
    lastName: 'Côté',
    phones: ['+15145550142'],
    emails: ['eloise@exemple.ca'],
  });
  e.opportunities.push(addOpportunity(db, { clientId: e.id, managerId: 'marc', tag: 'or', createdAt: ago(120) }));
  e.activities.push(
    addActivity(db, {
      clientId: e.id,
      opportunityId: e.opportunities[0],
      agentId: 'marc',
      kind: 'note',
      at: ago(110),
      note: 'Veut un VUS',
    }),
  );
  e.texts.push(addText(db, e.id, 'out', '+15145550142', 'Bonjour Éloïse, ici Marc de la concession.', ago(100)));

  const b = seeded.eloiseAgain;
  b.id = addClient(db, { firstName: 'Eloise', lastName: 'Cote', phones: ['+15145550142', '+14385550100'] });
  b.opportunities.push(addOpportunity(db, { clientId: b.id, managerId: 'marc', createdAt: ago(90), stock: 'S77777' }));
  b.activities.push(
    addActivity(db, {
      clientId: b.id,
      opportunityId: b.opportunities[0],
      agentId: 'marc',
      kind: 'follow_up',
      at: ago(80),
      note: 'PDR J1 R1',
    }),
  );
  b.texts.push(addText(db, b.id, 'in', '+14385550100', 'Oui, rappelez-moi ce soir', ago(70)));

  const c = seeded.eloiseAtWork;
  c.id = addClient(db, { firstName: 'E.', lastName: 'Côté', phones: ['+18195550111'], emails: ['eloise@exemple.ca'] });
  c.opportunities.push(addOpportunity(db, { clientId: c.id, type: 'email', createdAt: ago(60), stock: 'S88888' }));
  c.activities.push(
    addActivity(db, { clientId: c.id, opportunityId: c.opportunities[0], agentId: 'marc', kind: 'email', at: ago(50) }),
  );
  c.texts.push(addText(db, c.id, 'in', '+18195550111', 'Mon courriel de travail est meilleur', ago(40)));

  // Julien, twice, by e-mail.
  seeded.julien = addClient(db, {
    firstName: 'Julien',
    lastName: 'Roy',
    phones: ['+15145550177'],
    emails: ['julien.roy@exemple.ca'],
  });
  addOpportunity(db, { clientId: seeded.julien, createdAt: ago(30) });
  seeded.julienAgain = addClient(db, { firstName: 'J.', lastName: 'Roy', emails: ['julien.roy@exemple.ca'] });
  addOpportunity(db, { clientId: seeded.julienAgain, createdAt: ago(20) });

  // Sophie, twice, sharing nothing until a lead brings her phone and her e-mail together.
  seeded.sophie = addClient(db, { firstName: 'Sophie', lastName: 'Martin', phones: ['+14505550123'] });
  addOpportunity(db, { clientId: seeded.sophie, createdAt: ago(300) });
  seeded.sophieAgain = addClient(db, { firstName: 'S.', lastName: 'Martin', emails: ['sophie.martin@exemple.ca'] });
  addOpportunity(db, { clientId: seeded.sophieAgain, createdAt: ago(200) });
  db.close();

  [poste, browser] = await Promise.all([startPosteWeb({ dataDir }), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (error) => pageErrors.push(error.message));
  await page.goto(poste.url);
});

afterAll(async () => {
  await browser?.close();
  await poste?.stop();
});

const dialog = () => page.getByRole('dialog', { name: 'Fusionner des fiches' });
const notice = () => page.getByTestId('merge-notice');
const searchResults = () => page.getByRole('list', { name: 'Résultats de recherche' });

async function openRecord(query: string, name: string): Promise<void> {
  await page.getByLabel('Rechercher un client').fill(query);
  await searchResults()
    .getByRole('button', { name: `Ouvrir la fiche ${frenchOf(name)}`, exact: true })
    .click();
  await visible(page.getByRole('region', { name: '1 · Identité' }).getByText(name, { exact: true }));
}

describe('merging client records', () => {
  it('Éloïse’s record says « 2 doublons possibles »; the dialog takes the focus and Escape closes it', async () => {
    await openRecord('(514) 555-0142', 'Éloïse Côté');
    // Two of the three share the mobile: the search list shows both before the merge.
    expect(await searchResults().getByRole('button', { name: /^Ouvrir la fiche d/ }).count()).toBeGreaterThan(1);
    await visible(notice().getByText('2 doublons possibles'));
    const open = notice().getByRole('button', { name: 'Fusionner…' });
    await open.click();
    await visible(dialog());
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('dialog');
    // Why each one is proposed: the shared mobile, the shared e-mail.
    const again = dialog().locator(`[data-testid="merge-candidate"][data-client-id="${seeded.eloiseAgain.id}"]`);
    await visible(again.getByText('Correspond sur : (514) 555-0142'));
    const atWork = dialog().locator(`[data-testid="merge-candidate"][data-client-id="${seeded.eloiseAtWork.id}"]`);
    await visible(atWork.getByText('Correspond sur : eloise@exemple.ca'));
    await visible(atWork.getByText('(819) 555-0111'));
    await page.keyboard.press('Escape');
    await eventually(async () => expect(await dialog().count()).toBe(0));
    expect(await open.evaluate((el) => el === document.activeElement)).toBe(true);
  });

  it('Marc merges the two others into it: « Fiches fusionnées », one record with every OPP, activity and text', async () => {
    await notice().getByRole('button', { name: 'Fusionner…' }).click();
    const merge = dialog().getByRole('button', { name: 'Continuer' });
    expect(await merge.isDisabled()).toBe(true);
    // French elides « de » before a vowel: « la fiche d’Eloise Cote », « d’E. Côté ».
    await dialog().getByRole('checkbox', { name: 'Fusionner la fiche d’Eloise Cote' }).check();
    await dialog().getByRole('checkbox', { name: 'Fusionner la fiche d’E. Côté' }).check();
    await merge.click();

    // The summary: what the kept record will hold.
    const summary = await visible(dialog().getByTestId('merge-summary'));
    expect(await summary.getByTestId('merge-total-opportunities').textContent()).toBe('3');
    expect(await summary.getByTestId('merge-total-activities').textContent()).toBe('3');
    expect(await summary.getByTestId('merge-total-texts').textContent()).toBe('3');
    await visible(
      dialog().getByText('La fiche d’Éloïse Côté est conservée, avec son nom, sa langue et son numéro de fiche.'),
    );
    await visible(dialog().getByText('Les fiches d’Eloise Cote et d’E. Côté y sont fusionnées.'));
    await visible(dialog().getByText('Fusionner ces 3 fiches en une seule ?'));
    await dialog().getByRole('button', { name: 'Fusionner les fiches' }).click();
    await visible(dialog().getByRole('heading', { name: 'Fiches fusionnées' }));
    await visible(
      dialog().getByText(
        /2 fiches fusionnées dans celle d’Éloïse Côté\. Rattachés à la fiche : 2 OPP, 2 activités et 2 textos\./,
      ),
    );
    await dialog().getByRole('button', { name: 'Fermer' }).first().click();
    await eventually(async () => expect(await dialog().count()).toBe(0));

    // The record on screen, refreshed: the other numbers, the three texts, the merge in the history.
    await eventually(async () => expect(await notice().count()).toBe(0));
    const contact = page.getByRole('region', { name: '2 · Coordonnées' });
    await visible(contact.getByRole('button', { name: 'Appeler le (438) 555-0100' }));
    await visible(contact.getByRole('button', { name: 'Appeler le (819) 555-0111' }));
    const texts = page.getByRole('region', { name: '11 · SMS envoyés' });
    for (const body of [
      'Bonjour Éloïse, ici Marc de la concession.',
      'Oui, rappelez-moi ce soir',
      'Mon courriel de travail est meilleur',
    ]) {
      await visible(texts.getByText(body));
    }
    // The merge in the history, in French only, naming the merged records; it is no remark (NT-1).
    const history = page.getByRole('region', { name: '8 · Historique' });
    await visible(history.getByText(/Fiches d’Eloise Cote et d’E\. Côté fusionnées dans celle-ci par Marc Gagnon/));
    expect(await history.getByText(/Records merged/).count()).toBe(0);
    const remarks = await visible(page.getByRole('region', { name: '12 · Remarques' }));
    expect(await remarks.getByText(/fusionnée/).count()).toBe(0);
    // The search list, still showing the mobile the three shared, drops the merged ones by
    // itself (no retyping): one Éloïse.
    await eventually(async () =>
      expect(
        await searchResults()
          .getByRole('button', { name: /^Ouvrir la fiche d/ })
          .count(),
      ).toBe(1),
    );
    await visible(searchResults().getByRole('button', { name: 'Ouvrir la fiche d’Éloïse Côté', exact: true }));

    // The database: one live record, holding every row the three had.
    const keep = seeded.eloise.id;
    const all = [seeded.eloise, seeded.eloiseAgain, seeded.eloiseAtWork];
    const rows = readDb((db) => ({
      live: db
        .prepare('SELECT id FROM clients WHERE id IN (?, ?, ?) AND merged_into IS NULL')
        .all(...all.map((r) => r.id)),
      merged: db
        .prepare('SELECT merged_into FROM clients WHERE id IN (?, ?)')
        .all(seeded.eloiseAgain.id, seeded.eloiseAtWork.id),
      opportunities: db.prepare('SELECT id FROM opportunities WHERE client_id = ? ORDER BY id').all(keep),
      activities: db.prepare('SELECT id, kind, note, data FROM activities WHERE client_id = ?').all(keep) as {
        id: string;
        kind: string;
        note: string | null;
        data: string | null;
      }[],
      texts: db.prepare('SELECT id FROM texts WHERE client_id = ? ORDER BY id').all(keep),
      phones: db.prepare('SELECT e164 FROM client_phones WHERE client_id = ? ORDER BY e164').all(keep),
      emails: db.prepare('SELECT email FROM client_emails WHERE client_id = ?').all(keep),
      leftBehind: db
        .prepare('SELECT count(*) AS n FROM opportunities WHERE client_id IN (?, ?)')
        .get(seeded.eloiseAgain.id, seeded.eloiseAtWork.id),
    }));
    expect(rows.live).toEqual([{ id: keep }]);
    expect(rows.merged).toEqual([{ merged_into: keep }, { merged_into: keep }]);
    expect(rows.opportunities).toEqual(
      all
        .flatMap((r) => r.opportunities)
        .sort()
        .map((id) => ({ id })),
    );
    const activityIds = rows.activities.map((a) => a.id);
    for (const id of all.flatMap((r) => r.activities)) expect(activityIds).toContain(id);
    // One history line, stored as data (the console words it in the agent's language).
    const mergeLines = rows.activities.filter((a) => a.kind === 'note' && a.data?.includes('"action":"merge"'));
    expect(mergeLines).toHaveLength(1);
    expect(mergeLines[0]!.note).toBeNull();
    expect(JSON.parse(mergeLines[0]!.data!)).toMatchObject({
      merged: [seeded.eloiseAgain.id, seeded.eloiseAtWork.id],
      mergedNames: ['Eloise Cote', 'E. Côté'],
    });
    expect(rows.texts).toEqual(
      all
        .flatMap((r) => r.texts)
        .sort()
        .map((id) => ({ id })),
    );
    expect(rows.phones).toEqual([{ e164: '+14385550100' }, { e164: '+15145550142' }, { e164: '+18195550111' }]);
    expect(rows.emails).toEqual([{ email: 'eloise@exemple.ca' }]);
    expect(rows.leftBehind).toEqual({ n: 0 });
  });

  it('Julien’s duplicate is merged by another console meanwhile: the refusal is shown, nothing changes', async () => {
    await openRecord('julien.roy@exemple.ca', 'Julien Roy');
    await notice().getByRole('button', { name: 'Fusionner…' }).click();
    await dialog().getByRole('checkbox', { name: 'Fusionner la fiche de J. Roy' }).check();
    await dialog().getByRole('button', { name: 'Continuer' }).click();
    await visible(dialog().getByTestId('merge-summary'));
    // Another console (a team database's sync) merges J. Roy elsewhere while Marc reads.
    const elsewhere = new Database(dbFile, { fileMustExist: true });
    elsewhere.pragma('busy_timeout = 5000');
    elsewhere.prepare('UPDATE clients SET merged_into = ? WHERE id = ?').run(seeded.julien, seeded.julienAgain);
    elsewhere.close();
    await dialog().getByRole('button', { name: 'Fusionner les fiches' }).click();
    const error = await visible(dialog().getByTestId('merge-error'));
    expect(await error.getAttribute('role')).toBe('alert');
    expect(await error.textContent()).toMatch(
      /^Fusion impossible : une des fiches n’existe plus ou a déjà été fusionnée \(.*\)\.$/,
    );
    // Still on the summary, the merge can be left.
    await visible(dialog().getByRole('button', { name: 'Retour' }));
    const count = (clientId: string) =>
      readDb((db) => db.prepare('SELECT count(*) AS n FROM opportunities WHERE client_id = ?').get(clientId));
    expect([count(seeded.julien), count(seeded.julienAgain)]).toEqual([{ n: 1 }, { n: 1 }]);
    await dialog().getByRole('button', { name: 'Fermer' }).first().click();
    await eventually(async () => expect(await dialog().count()).toBe(0));
  });

  it('a lead matching Sophie’s two records is proposed for merging in the import report, and merged from it', async () => {
    await page.getByLabel('Choisir des fichiers (ADF/XML, .eml, CSV)').setInputFiles({
      name: 'kijiji-sophie.xml',
      mimeType: 'text/xml',
      buffer: Buffer.from(adf('KJ-900', 'Sophie', 'Martin', '450-555-0123', 'sophie.martin@exemple.ca')),
    });
    await visible(page.locator('[data-testid="import-report"][data-status="imported"]'));
    const proposal = await visible(page.getByTestId('merge-proposals').getByTestId('merge-proposal'));
    expect(await proposal.textContent()).toContain('Proposition 1 : 2 fiches');
    await proposal.getByRole('button', { name: 'Fusionner…' }).click();

    // The proposal opens on the record the lead joined (S. Martin, whose file is the latest),
    // the dialog over it with the other one ticked.
    await visible(page.getByRole('region', { name: '1 · Identité' }).getByText('S. Martin', { exact: true }));
    const other = dialog().getByRole('checkbox', { name: 'Fusionner la fiche de Sophie Martin' });
    await visible(other);
    expect(await other.isChecked()).toBe(true);
    await dialog().getByRole('button', { name: 'Continuer' }).click();
    await visible(dialog().getByText('La fiche de Sophie Martin y est fusionnée.'));
    await dialog().getByRole('button', { name: 'Fusionner les fiches' }).click();
    await visible(dialog().getByRole('heading', { name: 'Fiches fusionnées' }));

    const rows = readDb((db) => ({
      merged: db.prepare('SELECT merged_into FROM clients WHERE id = ?').get(seeded.sophie),
      opportunities: db.prepare('SELECT count(*) AS n FROM opportunities WHERE client_id = ?').get(seeded.sophieAgain),
    }));
    expect(rows.merged).toEqual({ merged_into: seeded.sophieAgain });
    // Her two OPPs and the one the lead brought.
    expect(rows.opportunities).toEqual({ n: 3 });
    expect(pageErrors).toEqual([]);
  });
});
