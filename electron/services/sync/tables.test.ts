import { describe, expect, it } from 'vitest';
import { openDatabase } from '../db/connection';
import { SYNCED_TABLES } from './tables';

describe('the synced tables', () => {
  it('list exactly the cache’s columns, so the outbox triggers and the team schema carry every one', () => {
    const db = openDatabase(':memory:');
    for (const t of SYNCED_TABLES) {
      const columns = db.prepare(`SELECT name, type FROM pragma_table_info('${t.name}')`).all() as {
        name: string;
        type: string;
      }[];
      expect(t.columns, t.name).toEqual(columns.map((c) => c.name));
      expect([...(t.integers ?? [])].sort(), t.name).toEqual(
        columns
          .filter((c) => c.type === 'INTEGER')
          .map((c) => c.name)
          .sort(),
      );
    }
    db.close();
  });

  it('record a local change in the outbox in the same transaction, and nothing while pulled rows are applied or standalone', () => {
    const db = openDatabase(':memory:');
    const at = '2026-03-10T18:00:00.000Z';
    const insert = db.prepare(
      "INSERT INTO clients (id, first_name, last_name, created_at, updated_at) VALUES (?, 'Éloïse', 'Côté', ?, ?)",
    );
    insert.run('c0', at, at);
    expect(db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    db.prepare('UPDATE sync_state SET enabled = 1').run();
    insert.run('c1', at, at);
    db.prepare("UPDATE clients SET last_name = 'Coté' WHERE id = 'c1'").run();
    db.prepare('UPDATE sync_state SET applying = 1').run();
    insert.run('c2', at, at);
    db.prepare('UPDATE sync_state SET applying = 0').run();
    const rows = db.prepare('SELECT tbl, row_id, op, new, old FROM outbox ORDER BY seq').all() as {
      op: string;
      new: string;
      old: string | null;
    }[];
    expect(rows.map((r) => r.op)).toEqual(['insert', 'update']);
    expect(JSON.parse(rows[1]!.old!)).toMatchObject({ last_name: 'Côté' });
    expect(JSON.parse(rows[1]!.new)).toMatchObject({ last_name: 'Coté' });
    db.close();
  });
});
