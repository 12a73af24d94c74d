/**
 * A file's leads are written by the set (one statement per table), so the importer keeps in
 * memory what the file has written so far. Property: importing a file whole gives the same
 * cache as importing its leads one file each (where every lead reads the previous ones back
 * from SQLite) — the same clients with the same numbers and addresses, the same OPPs with the
 * same manager, tag and NL-1 rule, the same duplicates.
 */
import { describe, expect, it } from 'vitest';
import { addAgent, ALWAYS } from '../../../test/support/seed';
import { contactsRepo } from '../db/repos/contacts';
import type { Services } from '../index';
import { importCsvText } from './importer';
import { testServices } from './test-support';

const MAPPING = { firstName: 0, lastName: 1, mobilePhone: 2, homePhone: 3, email: 4, provider: 5, providerRef: 6, createdAt: 7 };
const HEADER = 'first,last,mobile,home,email,provider,ref,date';

function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Rows drawing numbers, addresses and provider ids from small pools, so leads collide often. */
function randomRows(seed: number, count: number): string[] {
  const random = prng(seed);
  const pick = (n: number) => Math.floor(random() * n);
  const rows: string[] = [];
  for (let i = 0; i < count; i++) {
    const phone = () => (random() < 0.25 ? '' : `514555${String(1000 + pick(12)).padStart(4, '0')}`);
    const email = random() < 0.4 ? '' : `client${pick(10)}@exemple.ca`;
    const mobile = phone();
    const home = random() < 0.3 ? phone() : '';
    const contact = mobile || home || email ? [mobile, home, email] : [`514555${2000 + i}`, '', ''];
    // February or March 2026 (the clock says 10 March): NL-1 sees both months.
    const day = 1 + pick(27);
    const month = random() < 0.5 ? '02' : '03';
    const date = month === '03' && day > 9 ? `2026-03-0${1 + pick(9)} 10:00` : `2026-${month}-${String(day).padStart(2, '0')} 1${pick(10)}:00`;
    const ref = random() < 0.2 ? '' : `R${pick(30)}`;
    rows.push([`Prénom${i}`, `Nom${i}`, ...contact, random() < 0.5 ? 'AutoTrader.ca' : 'Kijiji', ref, date].join(','));
  }
  return rows;
}

/** Stored clients before the import: some with an OPP Julie manages, this month or last. */
function seedStored(s: Services, seed: number): void {
  const report = importCsvText(s.context, [HEADER, ...randomRows(seed, 8)].join('\n'), { mapping: MAPPING }, 'stored.csv');
  expect(report.status).toBe('imported');
  s.db.prepare("UPDATE opportunities SET manager_id = 'julie', tag = 'or' WHERE rowid % 2 = 0").run();
}

/** The cache as a user sees it, without ids: clients by their first lead's name. */
function picture(s: Services) {
  const clients = s.db
    .prepare(
      `SELECT c.first_name || ' ' || c.last_name AS name,
         (SELECT group_concat(e164, ' ') FROM (SELECT e164 FROM client_phones WHERE client_id = c.id ORDER BY e164)) AS phones,
         (SELECT group_concat(email, ' ') FROM (SELECT email FROM client_emails WHERE client_id = c.id ORDER BY email)) AS emails,
         (SELECT group_concat(x, ' | ') FROM (SELECT coalesce(o.provider_ref, '-') || ' ' || o.tag || ' ' || coalesce(o.manager_id, '-') || ' ' ||
            coalesce(a.data ->> '$.rule', '-') AS x
            FROM opportunities o JOIN activities a ON a.opportunity_id = o.id AND a.kind = 'opportunity_created'
            WHERE o.client_id = c.id ORDER BY o.created_at, o.provider_ref, x)) AS opportunities
       FROM clients c ORDER BY name`,
    )
    .all();
  // Every address finds its client through the search index (no stale row), every number
  // through the numbers' index.
  const find = s.db.prepare<[string, string], { n: number }>('SELECT count(*) AS n FROM client_search WHERE client_search MATCH ? AND client_id = ?');
  const emails = s.db.prepare<[], { client_id: string; token: string }>(`SELECT client_id, 'emails : "' || email || '"' AS token FROM client_emails`).all();
  const phones = s.db.prepare<[], { client_id: string; e164: string }>('SELECT client_id, e164 FROM client_phones').all();
  const repo = contactsRepo(s.db);
  const unfound = [
    ...emails.filter((c) => find.get(c.token, c.client_id)?.n !== 1).map((c) => c.token),
    ...phones.filter((p) => !repo.searchPhones(p.e164.slice(2), 50).includes(p.client_id)).map((p) => p.e164),
  ];
  const rows = s.db.prepare('SELECT count(*) AS n FROM client_search').get();
  return { clients, rows, unfound };
}

describe('a file sees its own earlier leads as the cache would', () => {
  it.each([1, 2, 3, 4, 5, 6, 7, 8])('seed %i: whole file = one file per lead', (seed) => {
    const rows = randomRows(seed * 101, 40);
    const whole = testServices();
    const single = testServices();
    for (const s of [whole, single]) {
      addAgent(s.db, { id: 'julie', name: 'Julie Roy', shifts: ALWAYS });
      seedStored(s, seed);
    }
    const report = importCsvText(whole.context, [HEADER, ...rows].join('\n'), { mapping: MAPPING }, 'whole.csv');
    expect(report.status).toBe('imported');
    let created = 0;
    let joined = 0;
    let duplicates = 0;
    for (const [i, row] of rows.entries()) {
      const one = importCsvText(single.context, `${HEADER}\n${row}`, { mapping: MAPPING }, `lead-${i}.csv`);
      expect(one.status).toBe('imported');
      created += one.createdClients;
      joined += one.joinedClients;
      duplicates += one.duplicates;
    }
    expect({ created: report.createdClients, joined: report.joinedClients, duplicates: report.duplicates }).toEqual({ created, joined, duplicates });
    // Collisions did happen, so the file's own memory was exercised.
    expect(report.joinedClients + report.duplicates).toBeGreaterThan(5);
    const picture1 = picture(whole);
    expect(picture1.unfound).toEqual([]);
    expect(picture1).toEqual(picture(single));
    whole.close();
    single.close();
  });
});
