import Database from 'better-sqlite3';
import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addClient } from '../../../test/support/seed';
import { openDatabase, WAL_KEPT_BYTES } from './connection';
import { NewerDatabaseError } from './migrate';
import { migrations } from './migrations';

function tempFile(): string {
  return join(mkdtempSync(join(tmpdir(), 'poste-db-')), 'poste.sqlite');
}

function plan(db: Database.Database, sql: string, ...params: unknown[]): string {
  return db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((row) => (row as { detail: string }).detail)
    .join(' | ');
}

describe('the local cache', () => {
  it('is created in WAL mode with foreign keys on and the latest schema', () => {
    const db = openDatabase(tempFile());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(migrations.length);
    const strict = db.prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND strict = 0 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'client_search%'").all();
    expect(strict).toEqual([]);
    db.close();
  });

  it('gives back the disk a big import grew the WAL to, once the WAL starts over', () => {
    const file = tempFile();
    const db = openDatabase(file);
    db.exec('CREATE TABLE filler (b BLOB) STRICT');
    const insert = db.prepare('INSERT INTO filler (b) VALUES (randomblob(4000))');
    db.pragma('wal_autocheckpoint = 0');
    // About 80 MB of WAL in one commit, past what the file keeps.
    db.transaction(() => {
      for (let i = 0; i < 20_000; i++) insert.run();
    })();
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(WAL_KEPT_BYTES);
    // Every frame copied back (the checkpointer's worker does this), then a small write: it
    // starts the WAL over and the file shrinks to the limit.
    db.pragma('wal_checkpoint(PASSIVE)');
    insert.run();
    expect(statSync(`${file}-wal`).size).toBeLessThanOrEqual(WAL_KEPT_BYTES);
    expect(db.prepare('SELECT count(*) AS n FROM filler').get()).toEqual({ n: 20_001 });
    db.close();
  });

  it('refuses a database written by a newer Poste and leaves it untouched', () => {
    const file = tempFile();
    openDatabase(file).close();
    const raw = new Database(file);
    raw.pragma('user_version = 99');
    raw.close();
    expect(() => openDatabase(file)).toThrow(NewerDatabaseError);
    expect(() => openDatabase(file)).toThrow(/newer version of Poste/);
    const after = new Database(file);
    expect(after.pragma('user_version', { simple: true })).toBe(99);
    after.close();
  });

  it('opens an existing database again without re-running migrations', () => {
    const file = tempFile();
    const db = openDatabase(file);
    addClient(db, { firstName: 'Julie', lastName: 'Tremblay', phones: ['+15145550100'] });
    db.close();
    const again = openDatabase(file);
    expect(again.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 1 });
    again.close();
  });

  it('finds a caller by number through its index, not a scan', () => {
    const db = openDatabase(':memory:');
    const detail = plan(db, 'SELECT client_id FROM client_phones WHERE e164 = ?', '+15145550199');
    expect(detail).toMatch(/USING (COVERING )?INDEX client_phones_e164/);
    expect(detail).not.toMatch(/SCAN client_phones/);
    const email = plan(db, 'SELECT client_id FROM client_emails WHERE email = ?', 'a@b.ca');
    expect(email).toMatch(/USING (COVERING )?INDEX client_emails_email/);
    db.close();
  });

  it('answers the lists the console refreshes on every event through indexes (a million clients must not stall a ring)', () => {
    const db = openDatabase(':memory:');
    expect(plan(db, "SELECT a.id FROM activities a WHERE a.kind = 'result' AND json_extract(a.data, '$.scheduledCall.agentId') = ?", 'marc')).toMatch(
      /USING INDEX activities_scheduled_call/,
    );
    expect(plan(db, 'SELECT count(*) FROM clients WHERE merged_into IS NOT NULL')).toMatch(/clients_merged/);
    db.close();
  });

  it('refuses a phone number that is not E.164 and a mixed-case e-mail (STRICT + CHECK)', () => {
    const db = openDatabase(':memory:');
    expect(() => addClient(db, { firstName: 'A', lastName: 'B', phones: ['514-555-0199'] })).toThrow(/CHECK constraint/);
    expect(() => addClient(db, { firstName: 'A', lastName: 'B', emails: ['Julie@Example.ca'] })).toThrow(/CHECK constraint/);
    db.close();
  });
});
