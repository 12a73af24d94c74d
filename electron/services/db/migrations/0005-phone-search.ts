import type { Migration } from '../migrate';

/**
 * The part of a stored number a caller may quote without its area code: after `+1` and the
 * area code for North American numbers (`+15145550199` → `5550199`), after the first three
 * digits otherwise (the phone tokens the search had before this migration). Queries must
 * spell this expression exactly as the index does for SQLite to use the index.
 */
export const PHONE_LOCAL_SQL = "CASE WHEN substr(e164, 2, 1) = '1' THEN substr(e164, 6) ELSE substr(e164, 5) END";

/**
 * Numbers leave the full-text index (issue 6, issue 2). Typed digits are now found by range
 * reads of B-tree indexes: `client_phones_e164` for a number from its start (with or without
 * the country code) and `client_phones_local` below for one quoted without its area code.
 * Three phone tokens with their six prefix indexes made about three quarters of what
 * building a search row cost (a million-client demo, every import, every first sync); as
 * ranges of sorted numbers they cost one small index, and any number of typed digits reads
 * straight from it. Names and e-mails stay in FTS5, rebuilt here without the phone column
 * (merged-away records have no search row, as before), each row under its client's rowid so
 * that rewriting a client's row is a read by rowid instead of a search for it.
 */
export const phoneSearch: Migration = {
  version: 5,
  name: 'phone-search',
  up: `
DROP TABLE client_search;
CREATE VIRTUAL TABLE client_search USING fts5(
  client_id UNINDEXED, name, emails,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '2 3 4 5 6 7'
);
INSERT INTO client_search (rowid, client_id, name, emails)
  SELECT c.rowid, c.id, c.first_name || ' ' || c.last_name,
    coalesce((SELECT group_concat(email, ' ' ORDER BY rowid) FROM client_emails WHERE client_id = c.id), '')
  FROM clients c WHERE c.merged_into IS NULL;
CREATE INDEX client_phones_local ON client_phones((${PHONE_LOCAL_SQL}), client_id);
`,
};
