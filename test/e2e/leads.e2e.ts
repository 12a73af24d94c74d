/**
 * Leads in, end to end, in Chromium through the web host: a folder of ADF files (two
 * providers, an e-mail carrying one, a truncated one) is imported from the Imports panel;
 * « Lead suivant » hands out the Platine lead first although it is the newest (Q-1: tag
 * before age); the agent logs a follow-up call and the console composes « PDR J1 R1 » (FU-2).
 *
 * ASSUMES the shell wiring described in the issue-6 report: <ImportsPanel client>,
 * <QueuePanel client onOpen language> and <FollowUpsPanel client onOpen> rendered by the
 * shell, and the i18n namespaces `imports`, `queue`, `followups` registered.
 */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { openDatabase } from '../../electron/services/db/connection';
import { DATABASE_FILE } from '../../electron/services/paths';
import { formatDateTime } from '../../renderer/features/record/format';
import { addAgent, addClient, addMeeting, addOpportunity, ALWAYS } from '../support/seed';
import { launchChromium } from '../support/chromium';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';

let poste: RunningPoste;
let browser: Browser;
let page: Page;
let inbox: string;
let platineOpp: string;
let dataDir: string;
let nadiaOpp: string;

const minutesAgo = (m: number) => new Date(Date.now() - m * 60_000).toISOString();

function adf(id: string, source: string, requested: string, first: string, last: string, phone: string, email: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<?adf version="1.0"?>
<adf><prospect>
<id sequence="1" source="${source}">${id}</id>
<requestdate>${requested}</requestdate>
<vehicle interest="buy" status="used"><year>2022</year><make>Toyota</make><model>Corolla</model></vehicle>
<customer><contact><name part="first">${first}</name><name part="last">${last}</name>
<email>${email}</email><phone type="cellphone">${phone}</phone></contact>
<comments>Bonjour, est-ce encore disponible?</comments></customer>
<vendor><vendorname>Toyota Gatineau</vendorname></vendor>
<provider><name>${source}</name></provider>
</prospect></adf>
`;
}

beforeAll(async () => {
  // A console whose cache already knows Marc and one client: Éloïse, with a Platine OPP of
  // this month (a deposit meeting), which Marc manages and has handled.
  dataDir = mkdtempSync(join(tmpdir(), 'poste-e2e-leads-'));
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  addAgent(db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  const eloise = addClient(db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550142'] });
  const original = addOpportunity(db, { clientId: eloise, managerId: 'marc', handledBy: 'marc', tag: 'platine', createdAt: minutesAgo(30) });
  addMeeting(db, { clientId: eloise, opportunityId: original, bookedBy: 'marc', at: new Date(Date.now() + 86_400_000).toISOString(), kind: 'deposit', deposit: true });
  // Nadia's lead, in the queue but hers to work: the oldest Bronze.
  addAgent(db, { id: 'nadia', name: 'Nadia Lévesque', shifts: ALWAYS });
  const zoe = addClient(db, { firstName: 'Zoé', lastName: 'Ouellet', phones: ['+18195550123'] });
  nadiaOpp = addOpportunity(db, { clientId: zoe, managerId: 'nadia', tag: 'bronze', createdAt: minutesAgo(400) });
  db.close();

  inbox = join(dataDir, 'inbox');
  mkdirSync(inbox);
  writeFileSync(join(inbox, 'autotrader-1.xml'), adf('AT-1', 'Autotrader.ca', minutesAgo(240), 'Mathieu', 'Tremblay', '418-555-0177', 'mathieu@exemple.ca'));
  writeFileSync(join(inbox, 'kijiji-2.xml'), adf('KJ-2', 'Kijiji Autos', minutesAgo(180), 'Geneviève', 'Lavoie', '450-555-0188', 'genevieve@exemple.ca'));
  // The newest lead, by e-mail: Éloïse again → joins her record, keeps Marc and Platine (NL-1a).
  writeFileSync(
    join(inbox, 'toyota-3.eml'),
    [
      'From: Toyota Canada <noreply@toyota.ca>',
      'To: bdc@concession.ca',
      'Subject: Nouvelle demande',
      'MIME-Version: 1.0',
      'Content-Type: text/plain; charset=utf-8',
      '',
      adf('TC-3', 'Toyota Canada', minutesAgo(5), 'Éloïse', 'Côté', '(514) 555-0142', 'eloise.cote@exemple.ca'),
    ].join('\r\n'),
  );
  writeFileSync(join(inbox, 'truncated.xml'), '<?xml version="1.0"?>\n<adf>\n<prospect>\n<customer>');
  const old = new Date(Date.now() - 60_000);
  for (const f of readdirSync(inbox)) utimesSync(join(inbox, f), old, old);

  [poste, browser] = await Promise.all([startPosteWeb({ dataDir }), launchChromium()]);
  // The browser in UTC, the centre in Montréal (the settings' default): every date must be the centre's.
  page = await browser.newPage({ timezoneId: 'UTC' });
  await page.goto(poste.url);
});

afterAll(async () => {
  await browser?.close();
  await poste?.stop();
});

describe('leads in: folder import, « Lead suivant », follow-up note', () => {
  it('imports the folder: three files in, the truncated one refused, nothing half-written', async () => {
    await page.getByLabel('Chemin complet du dossier').fill(inbox);
    await page.getByRole('button', { name: 'Surveiller' }).click();
    await page.getByRole('button', { name: 'Importer maintenant' }).click();
    const reports = page.getByTestId('import-report');
    await expect.poll(() => reports.count(), { timeout: 10_000 }).toBe(4);
    expect(await page.locator('[data-testid="import-report"][data-status="imported"]').count()).toBe(3);
    const failed = page.locator('[data-testid="import-report"][data-status="failed"]');
    expect(await failed.textContent()).toMatch(/truncated\.xml/);
    expect(await failed.textContent()).toMatch(/fichier tronqué/);
    // The history of imports shows the same four files, the refused one with its error open.
    const history = page.getByTestId('import-batch');
    await expect.poll(() => history.count(), { timeout: 10_000 }).toBe(4);
    const refused = page.locator('[data-testid="import-batch"][data-status="failed"]');
    expect(await refused.textContent()).toMatch(/truncated\.xml.*dossier surveillé.*Refusé, rien n’a été écrit.*1 erreur.*fichier tronqué/s);
    expect(await refused.locator('details').getAttribute('open')).not.toBeNull();
    expect(readdirSync(join(inbox, 'done')).filter((f) => !f.endsWith('.json')).sort()).toEqual(['autotrader-1.xml', 'kijiji-2.xml', 'toyota-3.eml']);
    expect(readdirSync(join(inbox, 'failed'))).toContain('truncated.xml.report.json');
    // The header counts the new clients (Mathieu, Geneviève) without a reload.
    const cache = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const clients = (cache.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    cache.close();
    expect(clients).toBe(4);
    await expect.poll(() => page.locator('.shell-header').textContent(), { timeout: 10_000 }).toContain(`${clients} clients en cache`);
  });

  it('dates are the centre’s, in the record’s style, in the queue, the history and the folders', async () => {
    const cache = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const centre = (iso: string) => formatDateTime(iso, 'fr', 'America/Toronto');
      const opp = cache.prepare("SELECT o.id, o.created_at FROM opportunities o JOIN clients c ON c.id = o.client_id WHERE c.first_name = 'Mathieu'").get() as { id: string; created_at: string };
      const item = page.locator(`[data-testid="queue-item"][data-opportunity-id="${opp.id}"]`);
      await expect.poll(() => item.textContent(), { timeout: 10_000 }).toContain(`Reçu ${centre(opp.created_at)} ·`);
      const batch = cache.prepare("SELECT created_at FROM lead_import_batches WHERE file_name = 'kijiji-2.xml'").get() as { created_at: string };
      const row = page.locator('[data-testid="import-batch"]').filter({ hasText: 'kijiji-2.xml' });
      expect(await row.textContent()).toContain(`dossier surveillé · ${centre(batch.created_at)}`);
      const folder = cache.prepare('SELECT last_scan_at FROM lead_watch_folders').get() as { last_scan_at: string };
      await expect.poll(() => page.locator('ul.folders').textContent(), { timeout: 10_000 }).toContain(`dernière lecture : ${centre(folder.last_scan_at)}`);
    } finally {
      cache.close();
    }
  });

  it('« Lead suivant » gives the Platine lead first, though it is the newest', async () => {
    await page.getByRole('button', { name: 'Lead suivant' }).click();
    const given = page.getByTestId('queue-given');
    await given.waitFor({ timeout: 10_000 });
    expect(await given.getAttribute('data-tag')).toBe('platine');
    expect(await given.textContent()).toContain('Éloïse Côté');
    platineOpp = (await given.getAttribute('data-opportunity-id')) ?? '';
    expect(platineOpp).not.toBe('');
    // The two Bronze leads wait behind it, oldest first.
    const names = await page.getByTestId('queue-item').locator('.queue-item-name').allTextContents();
    expect(names.slice(-2)).toEqual(['Mathieu Tremblay', 'Geneviève Lavoie']);
  });

  it('a follow-up call composes « PDR J1 R1 », then « PDR J1 R2 + TEXTO » after a text', async () => {
    const item = page.locator(`[data-testid="followup-item"][data-opportunity-id="${platineOpp}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await item.getByTestId('followup-next').textContent()).toContain('PDR J1 R1');
    await item.getByRole('button', { name: 'Relance faite' }).click();
    await expect.poll(() => page.getByTestId('followup-logged').textContent(), { timeout: 10_000 }).toContain('Note ajoutée : PDR J1 R1');
    await item.getByLabel('Texto envoyé').check();
    await item.getByRole('button', { name: 'Relance faite' }).click();
    await expect.poll(() => page.getByTestId('followup-logged').textContent(), { timeout: 10_000 }).toContain('PDR J1 R2 + TEXTO');
  });

  it('a pick of more lead files than one call carries (23): every one is imported and reported', async () => {
    const files = Array.from({ length: 23 }, (_, n) => ({
      name: `pick-${String(n).padStart(2, '0')}.xml`,
      mimeType: 'text/xml',
      buffer: Buffer.from(adf(`PK-${n}`, 'CarGurus', minutesAgo(60), 'Client', `Choisi ${n}`, `819-555-${String(2000 + n)}`, `choisi.${n}@exemple.ca`)),
    }));
    await page.getByLabel('Choisir des fichiers (ADF/XML, .eml, CSV)').setInputFiles(files);
    const imported = page.locator('[data-testid="import-report"][data-status="imported"]');
    await expect.poll(() => imported.count(), { timeout: 15_000 }).toBe(23);
    expect(await page.getByTestId('import-report').count()).toBe(23);
    expect(await imported.last().textContent()).toContain('pick-22.xml');
  });

  it('two CSV files go through the mapping dialog in turn: preview, import, errors by line in the dialog, nothing written', async () => {
    const csv = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
    const cache = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    const count = (sql: string) => (cache.prepare(sql).get() as { n: number }).n;
    const written = () => ({
      clients: count('SELECT count(*) AS n FROM clients'),
      opportunities: count('SELECT count(*) AS n FROM opportunities'),
      imported: count("SELECT count(*) AS n FROM lead_import_batches WHERE status = 'imported'"),
    });
    try {
      const start = written();
      await page.getByLabel('Choisir des fichiers (ADF/XML, .eml, CSV)').setInputFiles([csv('crm-export-semicolon-bom.csv'), csv('bad-rows.csv')]);
      const first = page.getByRole('dialog', { name: 'Correspondance des colonnes — crm-export-semicolon-bom.csv' });
      await first.waitFor({ timeout: 10_000 });
      // The mapping the services suggest from the headers, the preview's rows (one spans two
      // lines of the file), and each column's header saying which field it feeds.
      expect(await first.getByRole('combobox', { name: 'Cellulaire', exact: true }).inputValue()).toBe('3');
      expect(await first.locator('tbody tr').count()).toBe(3);
      expect(await first.locator('tbody th').allTextContents()).toEqual(['2', '3', '5']);
      expect(await first.locator('thead th.is-mapped').count()).toBe(14);
      await first.getByRole('button', { name: 'Importer 3 lignes' }).click();

      // The second file opens once the first is in; its bad rows are reported by line, in the dialog.
      const second = page.getByRole('dialog', { name: 'Correspondance des colonnes — bad-rows.csv' });
      await second.waitFor({ timeout: 10_000 });
      expect(await first.count()).toBe(0);
      const imported = written();
      expect(imported).toEqual({ clients: start.clients + 3, opportunities: start.opportunities + 3, imported: start.imported + 1 });
      await second.getByRole('button', { name: 'Importer 4 lignes' }).click();
      const failed = second.getByTestId('csv-failed');
      await failed.waitFor({ timeout: 10_000 });
      expect(await failed.locator('li code').allTextContents()).toEqual(['ligne 3', 'ligne 5', 'ligne 6']);
      expect(await failed.locator('li').nth(1).textContent()).toContain('5 colonnes alors que l’en-tête en a 4');
      expect(written()).toEqual(imported);

      // Escape closes it as « Annuler » does, writing nothing more.
      await page.keyboard.press('Escape');
      await second.waitFor({ state: 'detached', timeout: 5_000 });
      expect(written()).toEqual(imported);
      expect(count("SELECT count(*) AS n FROM clients WHERE last_name = 'Després' AND first_name = 'Olivier'")).toBe(1);
    } finally {
      cache.close();
    }
  });

  it('working a lead that is not the head asks for a reason in a dialog, and logs it (Q-1)', async () => {
    const other = page.locator('[data-testid="queue-item"]:not(.is-head)').filter({ has: page.getByRole('button', { name: 'Traiter' }) }).first();
    const opportunityId = (await other.getAttribute('data-opportunity-id')) ?? '';
    expect(opportunityId).not.toBe('');
    await other.getByRole('button', { name: 'Traiter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ce lead n’est pas la tête de la file' });
    await dialog.waitFor({ timeout: 5_000 });
    // The reason's field has the focus; the lead cannot be taken without one; the panels
    // under the dialog cannot be clicked (the follow-ups' paint over a backdrop drawn inside the sidebar).
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('TEXTAREA');
    await expect(page.getByRole('button', { name: 'Relance faite' }).first().click({ trial: true, timeout: 1_000 })).rejects.toThrow(/intercepts pointer events|Timeout/);
    const confirm = dialog.getByRole('button', { name: 'Traiter ce lead' });
    expect(await confirm.isDisabled()).toBe(true);
    await page.keyboard.type('Le client a rappelé pour ce véhicule');
    await confirm.click();
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    const cache = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
    try {
      const logged = cache.prepare("SELECT kind, reason, head_opportunity_id IS NOT NULL AS head FROM lead_treatments WHERE opportunity_id = ?").all(opportunityId);
      expect(logged).toEqual([{ kind: 'out_of_order', reason: 'Le client a rappelé pour ce véhicule', head: 1 }]);
    } finally {
      cache.close();
    }
  });

  it('another agent’s lead offers no « Traiter »; a refused take is said in the dialog, the reason kept (Q-1)', async () => {
    const nadias = page.locator(`[data-testid="queue-item"][data-opportunity-id="${nadiaOpp}"]`);
    await nadias.waitFor({ timeout: 10_000 });
    expect(await nadias.getByRole('button', { name: 'Traiter' }).count()).toBe(0);
    expect(await nadias.getByTestId('queue-item-owned').textContent()).toBe('Lead de Nadia Lévesque');

    // Nadia takes a lead while Marc writes why he works it out of order.
    const other = page.locator('[data-testid="queue-item"]:not(.is-head)').filter({ has: page.getByRole('button', { name: 'Traiter' }) }).first();
    const opportunityId = (await other.getAttribute('data-opportunity-id')) ?? '';
    await other.getByRole('button', { name: 'Traiter' }).click();
    const dialog = page.getByRole('dialog', { name: 'Ce lead n’est pas la tête de la file' });
    await dialog.waitFor({ timeout: 5_000 });
    await page.keyboard.type('Le client a rappelé ce matin');
    const cache = new Database(join(dataDir, DATABASE_FILE));
    try {
      cache.prepare("UPDATE opportunities SET manager_id = 'nadia' WHERE id = ?").run(opportunityId);
    } finally {
      cache.close();
    }
    await dialog.getByRole('button', { name: 'Traiter ce lead' }).click();
    await expect.poll(() => dialog.getByTestId('queue-ask-error').textContent(), { timeout: 5_000 }).toContain('appartient à Nadia Lévesque');
    expect(await dialog.locator('textarea').inputValue()).toBe('Le client a rappelé ce matin');
    expect(await page.locator('section.queue > .queue-error').count()).toBe(0);
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached', timeout: 5_000 });
    // The list read again shows the lead as Nadia's.
    await expect
      .poll(() => page.locator(`[data-testid="queue-item"][data-opportunity-id="${opportunityId}"] [data-testid="queue-item-owned"]`).count(), { timeout: 10_000 })
      .toBe(1);
  });

  it('a one-line text file that is not XML is refused as a whole, without a line number', async () => {
    await page.getByLabel('Choisir des fichiers (ADF/XML, .eml, CSV)').setInputFiles([{ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello\n') }]);
    const failed = page.locator('[data-testid="import-report"][data-status="failed"]').filter({ hasText: 'notes.txt' });
    await failed.waitFor({ timeout: 10_000 });
    const problem = await failed.locator('.import-errors li').textContent();
    expect(problem?.trim()).toBe('aucun élément XML dans le document');
  });

  it('a lead file dropped on the Imports panel is imported and shows in the history', async () => {
    const text = adf('DR-1', 'Kijiji Autos', minutesAgo(20), 'Déposé', 'Glissé', '819-555-0199', 'depose@exemple.ca');
    await page.locator('section.imports').evaluate((section, xml) => {
      const data = new DataTransfer();
      data.items.add(new File([xml], 'glisse.xml', { type: 'text/xml' }));
      for (const type of ['dragover', 'drop']) section.dispatchEvent(new DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }));
    }, text);
    const report = page.locator('[data-testid="import-report"][data-status="imported"]');
    await expect.poll(() => report.first().textContent(), { timeout: 10_000 }).toContain('glisse.xml');
    await expect.poll(() => page.getByTestId('import-batch').first().textContent(), { timeout: 10_000 }).toMatch(/glisse\.xml.*choisi/s);
  });

  it('a refused folder is explained in French, as the services word it from its key', async () => {
    await page.getByLabel('Chemin complet du dossier').fill('Leads/entrants');
    await page.getByRole('button', { name: 'Surveiller' }).click();
    const alert = page.locator('section.imports [role="alert"]');
    await expect.poll(() => alert.textContent(), { timeout: 5_000 }).toBe('Indiquez le chemin complet du dossier (p. ex. /Users/bdc/Leads)');
  });
});
