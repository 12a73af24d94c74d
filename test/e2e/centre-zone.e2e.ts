/**
 * Every date of the record in the centre's time zone as the settings give it, whatever the
 * machine's: a console in Regina's zone (no daylight time, so Node's and Chromium's time-zone data agree), in a browser set to UTC, reads a lead's times
 * an hour or two before Montréal's (formatted by the record's own formatter), in zone 4, in
 * the remarks, in the history, and in the queue.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../electron/services/db/connection';
import { DATABASE_FILE, SETTINGS_FILE } from '../../electron/services/paths';
import { formatDateTime } from '../../renderer/features/record/format';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { addActivity, addAgent, addClient, addOpportunity, ALWAYS } from '../support/seed';
import { launchChromium } from '../support/chromium';
import { startPosteWeb, type RunningPoste } from '../support/poste-web';
import { eventually, visible } from '../support/ui';

let poste: RunningPoste;
let browser: Browser;
let page: Page;
/** Two hours ago, on the minute: a lead still in the queue (ST-1 expires them at 8 weeks). */
const created = new Date(Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000).toISOString();

beforeAll(async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'poste-e2e-zone-'));
  const db = openDatabase(join(dataDir, DATABASE_FILE));
  addAgent(db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  const client = addClient(db, { firstName: 'Hélène', lastName: 'Arsenault', phones: ['+16045550142'] });
  const opp = addOpportunity(db, { clientId: client, createdAt: created });
  addActivity(db, {
    clientId: client,
    opportunityId: opp,
    agentId: 'marc',
    kind: 'note',
    at: created,
    note: 'Rappeler demain',
  });
  db.close();
  writeFileSync(
    join(dataDir, SETTINGS_FILE),
    JSON.stringify({ ...DEFAULT_SETTINGS, agentId: 'marc', timeZone: 'America/Regina' }),
  );
  [poste, browser] = await Promise.all([startPosteWeb({ dataDir }), launchChromium()]);
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 }, timezoneId: 'UTC' });
  await page.goto(poste.url);
});

afterAll(async () => {
  await browser?.close();
  await poste?.stop();
});

describe('the centre’s time zone, from the settings', () => {
  it('dates the record, its history and the queue in it, not in the browser’s nor in Montréal’s', async () => {
    const regina = formatDateTime(created, 'fr', 'America/Regina');
    expect(regina).not.toBe(formatDateTime(created, 'fr', 'America/Toronto'));
    const item = page.getByTestId('queue-item').filter({ hasText: 'Hélène Arsenault' });
    await eventually(async () => expect(await item.textContent()).toContain(`Reçu ${regina}`));
    await item.getByRole('button', { name: 'Traiter' }).click();
    await visible(page.getByRole('region', { name: '4 · Origine' }));
    expect(await page.getByRole('region', { name: '4 · Origine' }).textContent()).toContain(regina);
    expect(await page.getByRole('region', { name: '12 · Remarques' }).textContent()).toContain(regina);
    expect(await page.getByRole('region', { name: '8 · Historique' }).textContent()).toContain(regina);
  });
});
