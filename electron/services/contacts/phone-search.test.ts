import { describe, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import { addClient } from '../../../test/support/seed';
import { PHONE_LOCAL_RANGE_SQL, PHONE_RANGE_SQL, contactsRepo } from '../db/repos/contacts';
import { testServices } from '../leads/test-support';

/** Clients whose numbers start alike, a French one, and a record merged into another. */
function setUp() {
  const s = testServices();
  const ids = {
    eloise: addClient(s.db, {
      firstName: 'Éloïse',
      lastName: 'Côté',
      phones: ['+15145550199', '+14505551234'],
      emails: ['eloise.cote@exemple.ca'],
    }),
    marc: addClient(s.db, {
      firstName: 'Marc',
      lastName: 'Tremblay',
      phones: ['+15145550142'],
      emails: ['marc.tremblay514@exemple.ca'],
    }),
    julie: addClient(s.db, { firstName: 'Julie', lastName: 'Tremblay', phones: ['+14385550199'] }),
    amelie: addClient(s.db, { firstName: 'Amélie', lastName: 'Roy', phones: ['+33612345678'] }),
    old: addClient(s.db, { firstName: 'Éloïse', lastName: 'Coté', phones: ['+15145550777'] }),
  };
  s.db.prepare('UPDATE clients SET merged_into = ? WHERE id = ?').run(ids.eloise, ids.old);
  const search = (query: string) =>
    (s.handlers['contacts:search']({ query, limit: 20 }) as { clientId: string }[]).map((r) => r.clientId);
  return { s, ids, search };
}

describe('search by phone digits (indexed number ranges, not full-text)', () => {
  it('finds a number from its start with or without the country code, or without the area code', () => {
    const { s, ids, search } = setUp();
    expect(search('(514) 555-01').sort()).toEqual([ids.eloise, ids.marc].sort());
    expect(search('1 514 555 01').sort()).toEqual([ids.eloise, ids.marc].sort());
    expect(search('450-555')).toEqual([ids.eloise]);
    // Without the area code: 555-0199 is Éloïse's 514 number and Julie's 438 one.
    expect(search('555-0199').sort()).toEqual([ids.eloise, ids.julie].sort());
    // A French number by its country code and digits, and by its digits after the third.
    expect(search('+33 6 12 34')).toEqual([ids.amelie]);
    expect(search('12345678')).toEqual([ids.amelie]);
    // Nobody's number starts with these.
    expect(search('999 555')).toEqual([]);
    s.close();
  });

  it('leaves a merged-away record out', () => {
    const { s, ids, search } = setUp();
    expect(search('514 555 0777')).toEqual([]);
    expect(search('5550777')).toEqual([]);
    expect(search('514-555').sort()).toEqual([ids.eloise, ids.marc].sort());
    s.close();
  });

  it('stops at the limit, each client once', () => {
    const { s, ids } = setUp();
    const repo = contactsRepo(s.db);
    expect(repo.searchPhones('514', 1)).toHaveLength(1);
    // Éloïse has two numbers under 5550/4505: she still comes once.
    addClient(s.db, { firstName: 'X', lastName: 'Y', phones: ['+15145550100'] });
    expect(repo.searchPhones('5145550', 20)).toHaveLength(3);
    expect(repo.searchPhones('5145550', 20)).toContain(ids.eloise);
    s.close();
  });

  it('reads words with a number among them as text, or as words and the start of a number', () => {
    const { s, ids, search } = setUp();
    // « Tremblay 514 »: Marc by his 514 number (and his e-mail), not Julie (438).
    expect(search('Tremblay 514')).toEqual([ids.marc]);
    expect(search('Tremblay 438')).toEqual([ids.julie]);
    expect(search('Tremblay 555 0199')).toEqual([ids.julie]);
    expect(search('Côté 450')).toEqual([ids.eloise]);
    expect(search('Tremblay 999')).toEqual([]);
    s.close();
  });

  it('reads each range from the number index, in index order: no scan of a table, no sort', () => {
    const { s } = setUp();
    const plan = (sql: string, from: string) =>
      (s.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(from, `${from}:`, 20) as { detail: string }[])
        .map((r) => r.detail)
        .join(' | ');
    expect(plan(PHONE_RANGE_SQL, '+1514')).toMatch(
      /SEARCH p USING (COVERING )?INDEX client_phones_e164 \(e164>\? AND e164<\?\)/,
    );
    // Without the area code: each head found by a seek, then one range under each.
    const local = plan(PHONE_LOCAL_RANGE_SQL, '5550');
    expect(local).toMatch(/SEARCH client_phones USING COVERING INDEX client_phones_e164 \(e164>\?\)/);
    expect(local).toMatch(/SEARCH p USING COVERING INDEX client_phones_e164 \(e164>\? AND e164<\?\)/);
    for (const p of [plan(PHONE_RANGE_SQL, '+1514'), local]) {
      // The only scans are of the heads (a handful of rows computed on the way), never a table.
      expect(
        p.match(/SCAN \w+/g)?.filter((m) => m !== 'SCAN heads' && m !== 'SCAN h' && m !== 'SCAN CONSTANT') ?? [],
      ).toEqual([]);
      expect(p).not.toMatch(/TEMP B-TREE/);
    }
    s.close();
  });

  it('finds numbers under every area and country code, however many', () => {
    const { s, ids } = setUp();
    const repo = contactsRepo(s.db);
    // 30 more area codes, each with one 555-0199 number: all found without their area code.
    const more = Array.from({ length: 30 }, (_, i) =>
      addClient(s.db, { firstName: 'N', lastName: `${i}`, phones: [`+1${600 + i}5550199`] }),
    );
    expect(repo.searchPhones('5550199', 100).sort()).toEqual([ids.eloise, ids.julie, ...more].sort());
    expect(repo.searchPhones('5550199', 5)).toHaveLength(5);
    s.close();
  });
});

describe("a client's search row", () => {
  it("sits under its client's rowid, and is rewritten in place, even when the two have drifted apart", () => {
    const { s, ids } = setUp();
    const repo = contactsRepo(s.db);
    const rowOf = (id: string) =>
      s.db.prepare('SELECT rowid, emails FROM client_search WHERE client_id = ?').get(id) as {
        rowid: number;
        emails: string;
      };
    const clientRowid = (id: string) =>
      (s.db.prepare('SELECT rowid FROM clients WHERE id = ?').get(id) as { rowid: number }).rowid;
    expect(rowOf(ids.eloise).rowid).toBe(clientRowid(ids.eloise));
    s.db
      .prepare(
        "INSERT INTO client_emails (id, client_id, email, created_at, updated_at) VALUES ('e2', ?, 'eloise@travail.ca', 'x', 'x')",
      )
      .run(ids.eloise);
    repo.refreshSearch(ids.eloise);
    expect(rowOf(ids.eloise)).toEqual({
      rowid: clientRowid(ids.eloise),
      emails: 'eloise.cote@exemple.ca eloise@travail.ca',
    });
    // As a VACUUM might leave it: the row under another rowid. Found by its e-mail instead.
    s.db.prepare('UPDATE client_search SET rowid = 9999 WHERE client_id = ?').run(ids.marc);
    repo.refreshSearch(ids.marc);
    expect(s.db.prepare('SELECT count(*) AS n FROM client_search WHERE client_id = ?').get(ids.marc)).toEqual({ n: 1 });
    expect(rowOf(ids.marc).rowid).toBe(clientRowid(ids.marc));
    expect(s.db.prepare('SELECT count(*) AS n FROM client_search').get()).toEqual({ n: 5 });
    // A stale row under Julie's rowid (its client long gone) gives way to hers.
    s.db.prepare('DELETE FROM client_search WHERE client_id = ?').run(ids.julie);
    s.db
      .prepare("INSERT INTO client_search (rowid, client_id, name, emails) VALUES (?, 'gone', 'Ancien Client', '')")
      .run(clientRowid(ids.julie));
    repo.insertSearchRows([ids.julie]);
    expect(rowOf(ids.julie).rowid).toBe(clientRowid(ids.julie));
    expect(s.db.prepare("SELECT count(*) AS n FROM client_search WHERE client_id = 'gone'").get()).toEqual({ n: 0 });
    s.close();
  });

  it('is rewritten for several clients at once, in any order, and goes with a client no longer stored', () => {
    const { s, ids, search } = setUp();
    const repo = contactsRepo(s.db);
    const addEmail = (id: string, email: string) =>
      s.db
        .prepare("INSERT INTO client_emails (id, client_id, email, created_at, updated_at) VALUES (?, ?, ?, 'x', 'x')")
        .run(`e-${email}`, id, email);
    addEmail(ids.marc, 'mtremblay@garage.ca');
    addEmail(ids.eloise, 'eloise@travail.ca');
    // A stale row under Julie's rowid (its client long gone) gives way to hers here too.
    const julieRowid = (s.db.prepare('SELECT rowid FROM clients WHERE id = ?').get(ids.julie) as { rowid: number })
      .rowid;
    s.db.prepare('DELETE FROM client_search WHERE client_id = ?').run(ids.julie);
    s.db
      .prepare("INSERT INTO client_search (rowid, client_id, name, emails) VALUES (?, 'gone', 'Ancien Client', '')")
      .run(julieRowid);
    // Amélie leaves the cache (a colleague deleted her, through sync).
    s.db.prepare('DELETE FROM client_phones WHERE client_id = ?').run(ids.amelie);
    s.db.prepare('DELETE FROM clients WHERE id = ?').run(ids.amelie);

    s.db.transaction(() => repo.refreshSearchRows([ids.marc, ids.amelie, ids.julie, ids.eloise]))();

    expect(search('garage')).toEqual([ids.marc]);
    expect(search('travail')).toEqual([ids.eloise]);
    expect(search('marc.tremblay514')).toEqual([ids.marc]);
    expect(search('Julie')).toEqual([ids.julie]);
    expect(search('Amélie')).toEqual([]);
    expect(search('Ancien')).toEqual([]);
    const rows = s.db.prepare('SELECT client_id FROM client_search ORDER BY rowid').all() as { client_id: string }[];
    expect(rows.map((r) => r.client_id).sort()).toEqual([ids.eloise, ids.marc, ids.julie, ids.old].sort());
    // The full-text index agrees with the rows it indexes.
    expect(() => s.db.exec("INSERT INTO client_search(client_search) VALUES ('integrity-check')")).not.toThrow();
    s.close();
  });
});

describe('a cache from before numbers left the full-text index (migration 5)', () => {
  it('rebuilds the search rows from names and e-mails, leaves merged records out, and indexes the numbers', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 4));
    const live = addClientV4(db, 'live', 'Éloïse', '+15145550199', 'eloise.cote@exemple.ca');
    addClientV4(db, 'gone', 'Éloïse', '+15145550777', null);
    db.prepare("UPDATE clients SET merged_into = 'live' WHERE id = 'gone'").run();
    migrate(db, migrations);
    expect(db.prepare('SELECT client_id, name, emails FROM client_search').all()).toEqual([
      { client_id: live, name: 'Éloïse Côté', emails: 'eloise.cote@exemple.ca' },
    ]);
    expect(contactsRepo(db).searchPhones('5550199', 5)).toEqual([live]);
    expect(contactsRepo(db).search('eloise', 5)).toEqual([live]);
    db.close();
  });
});

describe('a cache from before the local-number index went (migration 6)', () => {
  it('drops the index and still finds a number quoted without its area code', () => {
    const db = new Database(':memory:');
    migrate(db, migrations.slice(0, 5));
    const indexes = () =>
      db.prepare("SELECT name FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'client_phones'").pluck().all();
    expect(indexes()).toContain('client_phones_local');
    const id = addClient(db, { firstName: 'Éloïse', lastName: 'Côté', phones: ['+15145550199'] });
    migrate(db, migrations);
    expect(indexes()).not.toContain('client_phones_local');
    expect(contactsRepo(db).searchPhones('5550199', 5)).toEqual([id]);
    db.close();
  });
});

/** A client as stage 4 of the schema stored it, phone tokens in its search row. */
function addClientV4(db: Database.Database, id: string, first: string, e164: string, email: string | null): string {
  const t = '2026-03-01T12:00:00.000Z';
  db.prepare(
    "INSERT INTO clients (id, first_name, last_name, language, created_at, updated_at) VALUES (?, ?, 'Côté', 'fr', ?, ?)",
  ).run(id, first, t, t);
  db.prepare(
    "INSERT INTO client_phones (id, client_id, e164, kind, sms_capable, created_at, updated_at) VALUES (?, ?, ?, 'mobile', 1, ?, ?)",
  ).run(`${id}-p`, id, e164, t, t);
  if (email)
    db.prepare('INSERT INTO client_emails (id, client_id, email, created_at, updated_at) VALUES (?, ?, ?, ?, ?)').run(
      `${id}-e`,
      id,
      email,
      t,
      t,
    );
  db.prepare('INSERT INTO client_search (client_id, name, emails, phones) VALUES (?, ?, ?, ?)').run(
    id,
    `${first} Côté`,
    email ?? '',
    e164.slice(2),
  );
  return id;
}
