import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { addClient } from '../../../test/support/seed';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { SEARCH_NAME_SQL, searchName } from '../db/migrations/0008-search-apostrophes';
import { contactsRepo } from '../db/repos/contacts';
import { testServices } from '../leads/test-support';

describe('a name with an apostrophe (O’Brien, D’Amours)', () => {
  it('is found typed with the apostrophe or without it, as most agents type it', () => {
    const s = testServices();
    const susan = addClient(s.db, { firstName: 'Susan', lastName: "O'Brien", phones: ['+15145550101'] });
    const rejean = addClient(s.db, { firstName: 'Réjean', lastName: 'D’Amours', phones: ['+15145550102'] });
    const other = addClient(s.db, { firstName: 'Brien', lastName: 'Tremblay', phones: ['+15145550103'] });
    const search = (query: string) =>
      (s.handlers['contacts:search']({ query, limit: 20 }) as { clientId: string }[]).map((r) => r.clientId);
    expect(search('obrien')).toEqual([susan]);
    expect(search("O'Brien")).toEqual([susan]);
    expect(search('susan obri')).toEqual([susan]);
    expect(search('brien').sort()).toEqual([susan, other].sort());
    expect(search('damours')).toEqual([rejean]);
    expect(search("d'amours")).toEqual([rejean]);
    expect(search('rejean damo')).toEqual([rejean]);
    s.close();
  });

  it('is indexed alike by the SQL and by the demo’s writer', () => {
    const db = new Database(':memory:');
    const names: [string, string][] = [
      ['Susan', "O'Brien"],
      ['Réjean', 'D’Amours'],
      ["Jeanne-d'Arc", "L'Heureux"],
      ['Éloïse', 'Côté-Tremblay'],
    ];
    for (const [first, last] of names) {
      const sql = db
        .prepare(`SELECT ${SEARCH_NAME_SQL} AS name FROM (SELECT ? AS first_name, ? AS last_name) c`)
        .get(first, last) as { name: string };
      expect(sql.name).toBe(searchName(first, last));
    }
    expect(searchName('Susan', "O'Brien")).toBe("Susan O'Brien Susan OBrien");
    expect(searchName('Éloïse', 'Côté')).toBe('Éloïse Côté');
    db.close();
  });

  it('a cache from before migration 8 has those rows rewritten, the others left as they were', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 7));
    const susan = addClient(db, { firstName: 'Susan', lastName: "O'Brien" });
    const eloise = addClient(db, { firstName: 'Éloïse', lastName: 'Côté' });
    // Stage 7 wrote the name alone.
    const rowid = (id: string) =>
      (db.prepare('SELECT rowid FROM clients WHERE id = ?').get(id) as { rowid: number }).rowid;
    db.prepare(
      "INSERT OR REPLACE INTO client_search (rowid, client_id, name, emails) VALUES (?, ?, 'Susan O''Brien', '')",
    ).run(rowid(susan), susan);
    expect(contactsRepo(db).search('obrien', 5)).toEqual([]);
    migrate(db, migrations);
    expect(contactsRepo(db).search('obrien', 5)).toEqual([susan]);
    expect(db.prepare('SELECT client_id, name FROM client_search ORDER BY rowid').all()).toEqual([
      { client_id: susan, name: "Susan O'Brien Susan OBrien" },
      { client_id: eloise, name: 'Éloïse Côté' },
    ]);
    db.close();
  });
});
