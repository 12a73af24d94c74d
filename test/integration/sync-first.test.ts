/**
 * A first sync writes each pulled page of a table in one statement (JSON in, SQLite's own
 * conversions). This checks it changes nothing on the way: a demo centre uploaded to the team
 * database comes back into an empty cache row for row, value for value and type for type,
 * over more than one page, and its search rows are rebuilt.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Database } from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import { openDatabase } from '../../electron/services/db/connection';
import { generateDemo } from '../../electron/services/demo/generate';
import { silentLogger } from '../../electron/services/log/logger';
import { memorySettingsStore } from '../../electron/services/settings/store';
import { stopSync } from '../../electron/services/sync/handlers';
import { uploadCache } from '../../electron/services/sync/snapshot';
import { SYNCED_TABLES } from '../../electron/services/sync/tables';
import { createAgentLogin, migrateTeamDatabase } from '../../electron/services/sync/team-migrate';
import { dispatch } from '../../shared/ipc/dispatch';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { startPostgres, type TestPostgres } from '../support/postgres';

const NOW = new Date('2026-11-23T15:00:00.000Z');
let server: TestPostgres;
let dir: string;
let source: Database;

/** Every shared table, each value with its SQLite type, sorted by id. */
function dump(db: Database): Record<string, unknown[]> {
  return Object.fromEntries(
    SYNCED_TABLES.map((t) => [
      t.name,
      db.prepare(`SELECT ${t.columns.map((c) => `${c}, typeof(${c}) AS ${c}_type`).join(', ')} FROM ${t.name} ORDER BY id`).all(),
    ]),
  );
}

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'poste-sync-first-'));
  const admin = new pg.Client({ host: server.host, port: server.port, database: server.database, user: server.adminUser, password: server.adminPassword, ssl: { rejectUnauthorized: false } });
  await admin.connect();
  await migrateTeamDatabase(admin);
  source = openDatabase(join(dir, 'source.db'));
  generateDemo(source, { clients: 2500, now: NOW });
  await uploadCache(source, admin);
  await createAgentLogin(admin, { login: 'poste_marc', password: 'pw-marc', agentId: 'marc', role: 'agent' });
  await admin.end();
}, 120_000);

afterAll(async () => {
  source?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('first sync of an empty cache', () => {
  it('brings back every shared row exactly, page by page, and rebuilds the search rows', async () => {
    const services = createServices({
      databaseFile: join(dir, 'marc.db'),
      settings: memorySettingsStore({ ...DEFAULT_SETTINGS, agentId: 'marc' }),
      host: 'web',
      version: 't',
      now: () => NOW,
      logger: silentLogger,
    });
    try {
      const result = await dispatch(services.handlers, 'sync:configure', {
        connection: { host: server.host, port: server.port, database: server.database, user: 'poste_marc', tlsMode: 'require' },
        password: 'pw-marc',
      });
      expect(result).toMatchObject({ ok: true, value: { state: 'online' } });
      const mine = dump(services.db);
      const theirs = dump(source);
      for (const t of SYNCED_TABLES) expect({ table: t.name, rows: mine[t.name] }).toEqual({ table: t.name, rows: theirs[t.name] });
      // The activities alone are more than one page (5,000 rows): pages were joined up.
      expect((theirs.activities ?? []).length).toBeGreaterThan(5000);
      // The search rows are rebuilt as the demo wrote them: name, e-mails, phone tokens.
      const searchRows = (db: Database) => db.prepare('SELECT client_id, name, emails FROM client_search ORDER BY client_id').all();
      const rebuilt = searchRows(services.db);
      expect(rebuilt).toHaveLength((theirs.clients ?? []).length);
      expect(rebuilt).toEqual(searchRows(source));
    } finally {
      await stopSync(services.context);
      await services.close();
    }
  }, 120_000);
});
