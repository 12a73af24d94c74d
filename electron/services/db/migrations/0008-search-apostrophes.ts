import type { Migration } from '../migrate';

/** A name with an apostrophe (O'Brien, D’Amours, L'Heureux), in SQL: either apostrophe. */
const HAS_APOSTROPHE_SQL = (name: string) => `(instr(${name}, '''') > 0 OR instr(${name}, '’') > 0)`;

/**
 * A client's name as the search row indexes it (`c` is the client): the name, then, when it
 * has an apostrophe, the name again without it. The tokenizer splits « O'Brien » into
 * « o » and « brien », so an agent who types « obrien » or « damours », as most do, found
 * nothing; the joined form is indexed too. `searchName` says the same in JavaScript.
 */
export const SEARCH_NAME_SQL = `c.first_name || ' ' || c.last_name || CASE WHEN ${HAS_APOSTROPHE_SQL('c.first_name || c.last_name')}
    THEN ' ' || replace(replace(c.first_name || ' ' || c.last_name, '''', ''), '’', '') ELSE '' END`;

/** {@link SEARCH_NAME_SQL} in JavaScript, for the demo's writer. */
export function searchName(first: string, last: string): string {
  const name = `${first} ${last}`;
  return /['’]/.test(name) ? `${name} ${name.replace(/['’]/g, '')}` : name;
}

/** The search rows of the clients whose names have an apostrophe, rewritten in that form. */
export const searchApostrophes: Migration = {
  version: 8,
  name: 'search-apostrophes',
  up: `
INSERT OR REPLACE INTO client_search (rowid, client_id, name, emails)
  SELECT c.rowid, c.id, ${SEARCH_NAME_SQL},
    coalesce((SELECT group_concat(email, ' ' ORDER BY rowid) FROM client_emails WHERE client_id = c.id), '')
  FROM clients c WHERE c.merged_into IS NULL AND ${HAS_APOSTROPHE_SQL('c.first_name || c.last_name')};
`,
};
