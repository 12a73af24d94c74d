import Database from 'better-sqlite3';
import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../electron/services/db/connection';
import { generateDemo } from '../electron/services/demo/generate';
import { launchChromium } from '../test/support/chromium';
import { startPosteWeb } from '../test/support/poste-web';

const KINDS = ['call', 'follow_up', 'sms', 'email', 'note', 'result'] as const;

/**
 * The renderer's JavaScript heap with a client's record open on a 5,000-entry history:
 * a demo database, one client given 5,000 activities, the record opened in Chromium through
 * the web host, then a forced garbage collection and the heap read over CDP.
 */
export async function measureRendererHeap(entries = 5000): Promise<{ usedMB: number; rows: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'poste-heap-'));
  const seedDb = openDatabase(join(dataDir, 'poste.sqlite'));
  generateDemo(seedDb, { clients: 200, now: new Date() });
  seedDb.close();
  const db = new Database(join(dataDir, 'poste.sqlite'));
  const client = db.prepare<[], { client_id: string; e164: string }>("SELECT client_id, e164 FROM client_phones WHERE e164 = '+15145550199'").get();
  if (!client) throw new Error('the demo has no +15145550199 client');
  const opp = db.prepare<[string], { id: string }>('SELECT id FROM opportunities WHERE client_id = ? LIMIT 1').get(client.client_id);
  const insert = db.prepare(
    `INSERT INTO activities (id, client_id, opportunity_id, agent_id, kind, at, note, data, created_at, updated_at)
     VALUES (?, ?, ?, 'marc', ?, ?, ?, ?, ?, ?)`,
  );
  const start = Date.now() - entries * 60_000;
  db.transaction(() => {
    for (let i = 0; i < entries; i++) {
      const at = new Date(start + i * 60_000).toISOString();
      const kind = KINDS[i % KINDS.length] ?? 'note';
      insert.run(randomUUID(), client.client_id, opp?.id ?? null, kind, at, `PDR J${1 + (i % 7)} R${1 + (i % 3)}`, JSON.stringify({ durationS: i % 400 }), at, at);
    }
  })();
  db.close();

  const poste = await startPosteWeb({ dataDir });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
    await page.goto(poste.url);
    await page.getByLabel('Rechercher un client').fill('(514) 555-0199');
    await page.getByRole('list', { name: 'Résultats de recherche' }).getByRole('button', { name: /Éloïse Côté-Tremblay/ }).click();
    // The history's name counts its entries (« 5 001 entrées »): wait until it holds them all.
    await page.getByRole('list', { name: /Historique de la fiche, 5[\s\u00a0\u202f]?00\d entrées/ }).waitFor({ timeout: 30_000 });
    const rows = await page.getByRole('region', { name: '8 · Historique' }).getByRole('listitem').count();
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.collectGarbage');
    const usage = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };
    return { usedMB: usage.usedSize / (1024 * 1024), rows };
  } finally {
    await browser.close();
    await poste.stop();
  }
}
