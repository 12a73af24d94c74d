import type { Database } from 'better-sqlite3';
import type {
  ActivityKind,
  Department,
  FinancingSource,
  Language,
  LeadType,
  MeetingKind,
  MeetingStatus,
  OpportunityStatus,
  PhoneKind,
  Tag,
} from '../../../../shared/domain/model';
import { PHONE_LOCAL_SQL } from '../migrations/0005-phone-search';
import { bool, statementCache } from '../sql';
import { SEARCH_NAME_SQL } from '../migrations/0008-search-apostrophes';

export interface ClientRow {
  id: string;
  first_name: string;
  last_name: string;
  language: Language;
  cre: string | null;
  created_at: string;
}
export interface PhoneRow {
  id: string;
  e164: string;
  kind: PhoneKind;
  sms_capable: number;
}
export interface OpportunityRow {
  id: string;
  client_id: string;
  type: LeadType;
  financing_source: FinancingSource | null;
  provider: string | null;
  department: Department;
  status: OpportunityStatus;
  tag: Tag;
  manager_id: string | null;
  manager_name: string | null;
  handled_by: string | null;
  handled_by_name: string | null;
  handled_at: string | null;
  collaborator_id: string | null;
  collaborator_name: string | null;
  message: string | null;
  vehicle_year: number | null;
  vehicle_make: string | null;
  vehicle_model: string | null;
  vehicle_trim: string | null;
  vehicle_stock: string | null;
  vehicle_vin: string | null;
  trade_in: string | null;
  result_label: string | null;
  result_at: string | null;
  result_by_name: string | null;
  created_at: string;
}
export interface MeetingRow {
  id: string;
  opportunity_id: string;
  subject: string;
  kind: MeetingKind;
  at: string;
  status: MeetingStatus;
  branch: string | null;
  language: Language | null;
  booked_by: string | null;
  booked_by_name: string | null;
  deposit: number;
  deposit_method: string | null;
  docusign: string | null;
  transfer: number;
  virtual_device: string | null;
  sales_rep: string | null;
}
export interface ActivityRow {
  id: string;
  at: string;
  kind: ActivityKind;
  agent_id: string | null;
  agent_name: string | null;
  opportunity_id: string | null;
  meeting_id: string | null;
  note: string | null;
  data: string | null;
}
export interface TextRow {
  id: string;
  at: string;
  direction: 'in' | 'out';
  agent_id: string | null;
  agent_name: string | null;
  body: string;
  template_name: string | null;
}
export interface ChatRow {
  agent_id: string;
  started_at: string;
}
export interface CallRow {
  id: string;
  direction: 'inbound' | 'outbound';
  remote_number: string;
  agent_name: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  duration_s: number | null;
  hangup_cause: string | null;
  simulated: number;
  verdict_applied: string | null;
}

/** Everything the cache knows about one client, read in one transaction. */
export interface ClientBundle {
  client: ClientRow;
  phones: PhoneRow[];
  emails: { id: string; email: string }[];
  opportunities: OpportunityRow[];
  meetings: MeetingRow[];
  activities: ActivityRow[];
  texts: TextRow[];
  chats: ChatRow[];
  calls: CallRow[];
}

export interface SearchRow {
  client_id: string;
}

/** How many history rows a record carries at most (zone 8 is virtualised). */
export const HISTORY_LIMIT = 5000;

/** The one definition of a search row: under its client's rowid, the name and the e-mails. */
const SEARCH_ROWS = `SELECT c.rowid AS rowid, c.id AS client_id, ${SEARCH_NAME_SQL} AS name,
    coalesce((SELECT group_concat(email, ' ' ORDER BY rowid) FROM client_emails WHERE client_id = c.id), '') AS emails
  FROM clients c`;
interface StoredSearchRow {
  rowid: number;
  client_id: string;
  name: string;
  emails: string;
}

/** Client look-ups and the one-read contact record. */
export function contactsRepo(db: Database) {
  const stmt = statementCache(db);
  const readBundle = db.transaction((clientId: string): ClientBundle | undefined => {
    const client = stmt<ClientRow>(
      'SELECT id, first_name, last_name, language, cre, created_at FROM clients WHERE id = ?',
    ).get(clientId);
    if (!client) return undefined;
    return {
      client,
      phones: stmt<PhoneRow>('SELECT id, e164, kind, sms_capable FROM client_phones WHERE client_id = ? ORDER BY kind').all(clientId),
      emails: stmt<{ id: string; email: string }>('SELECT id, email FROM client_emails WHERE client_id = ?').all(clientId),
      opportunities: stmt<OpportunityRow>(
        `SELECT o.*, m.name AS manager_name, h.name AS handled_by_name, c.name AS collaborator_name,
                r.name AS result_by_name
           FROM opportunities o
           LEFT JOIN agents m ON m.id = o.manager_id
           LEFT JOIN agents h ON h.id = o.handled_by
           LEFT JOIN agents c ON c.id = o.collaborator_id
           LEFT JOIN agents r ON r.id = o.result_by
          WHERE o.client_id = ? ORDER BY o.created_at DESC`,
      ).all(clientId),
      meetings: stmt<MeetingRow>(
        `SELECT mt.*, a.name AS booked_by_name FROM meetings mt LEFT JOIN agents a ON a.id = mt.booked_by
          WHERE mt.client_id = ? ORDER BY mt.at DESC`,
      ).all(clientId),
      activities: stmt<ActivityRow>(
        `SELECT ac.id, ac.at, ac.kind, ac.agent_id, a.name AS agent_name, ac.opportunity_id, ac.meeting_id, ac.note, ac.data
           FROM activities ac LEFT JOIN agents a ON a.id = ac.agent_id
          WHERE ac.client_id = ? ORDER BY ac.at DESC LIMIT ${HISTORY_LIMIT}`,
      ).all(clientId),
      texts: stmt<TextRow>(
        `SELECT t.id, t.at, t.direction, t.agent_id, a.name AS agent_name, t.body, t.template_name
           FROM texts t LEFT JOIN agents a ON a.id = t.agent_id WHERE t.client_id = ? ORDER BY t.at DESC LIMIT 500`,
      ).all(clientId),
      chats: stmt<ChatRow>('SELECT agent_id, started_at FROM chats WHERE client_id = ? ORDER BY started_at DESC LIMIT 20').all(clientId),
      calls: stmt<CallRow>(
        `SELECT cl.id, cl.direction, cl.remote_number, a.name AS agent_name, cl.started_at, cl.answered_at, cl.ended_at,
                cl.duration_s, cl.hangup_cause, cl.simulated, cl.verdict_applied
           FROM call_log cl LEFT JOIN agents a ON a.id = cl.agent_id WHERE cl.client_id = ? ORDER BY cl.started_at DESC LIMIT 200`,
      ).all(clientId),
    };
  });

  return {
    /** The clients that own a number (E.164); merged records are skipped. */
    clientIdsByPhone(e164: string): string[] {
      return stmt<{ client_id: string }>(
        `SELECT p.client_id FROM client_phones p JOIN clients c ON c.id = p.client_id
          WHERE p.e164 = ? AND c.merged_into IS NULL`,
      )
        .all(e164)
        .map((r) => r.client_id);
    },
    clientIdsByEmail(email: string): string[] {
      return stmt<{ client_id: string }>(
        `SELECT e.client_id FROM client_emails e JOIN clients c ON c.id = e.client_id
          WHERE e.email = ? AND c.merged_into IS NULL`,
      )
        .all(email)
        .map((r) => r.client_id);
    },
    read(clientId: string): ClientBundle | undefined {
      return readBundle(clientId);
    },
    /**
     * Full-text search over names and e-mails; `match` is an FTS5 query built by the caller
     * from typed text. Each of `phoneDigits` must also start one of the client's numbers
     * (see {@link PHONE_MATCH_SQL}).
     */
    search(match: string, limit: number, phoneDigits: readonly string[] = []): string[] {
      // No ORDER BY rank: ranking every prefix match of "Tre" among a million names costs more than
      // the agent gains; the index's own order with an early LIMIT keeps typing instant.
      const phones = phoneDigits.map(() => ` AND EXISTS (SELECT 1 FROM client_phones p WHERE p.client_id = s.client_id AND ${PHONE_MATCH_SQL})`).join('');
      return stmt<SearchRow>(`SELECT s.client_id FROM client_search s WHERE client_search MATCH ?${phones} LIMIT ?`)
        .all(match, ...phoneDigits.flatMap(phonePatterns), limit)
        .map((r) => r.client_id);
    },
    /**
     * Live clients with a number that starts with these digits: with its country code
     * (`1514…`, `33…`), without it (`514…` for +1 numbers), or without the area code
     * (`5550…`). Each reading is a range of `client_phones_e164` (the last, one range under
     * each area code), so any number of digits costs the same.
     */
    searchPhones(digits: string, limit: number): string[] {
      const found: string[] = [];
      const readings: [sql: string, from: string][] = [
        [PHONE_RANGE_SQL, `+${digits}`],
        [PHONE_RANGE_SQL, `+1${digits}`],
        [PHONE_LOCAL_RANGE_SQL, digits],
      ];
      for (const [sql, from] of readings) {
        if (found.length >= limit) break;
        // Digits sort before ':', so [from, from + ':') is every number that starts with `from`.
        for (const r of stmt<{ client_id: string }>(sql).all(from, `${from}:`, limit)) if (!found.includes(r.client_id)) found.push(r.client_id);
      }
      return found.slice(0, limit);
    },
    summaries(clientIds: readonly string[]) {
      return clientIds.map((id) => {
        const client = stmt<{ first_name: string; last_name: string }>('SELECT first_name, last_name FROM clients WHERE id = ?').get(id);
        const phones = stmt<{ e164: string }>('SELECT e164 FROM client_phones WHERE client_id = ?').all(id);
        const emails = stmt<{ email: string }>('SELECT email FROM client_emails WHERE client_id = ?').all(id);
        const opp = stmt<{ tag: Tag; status: OpportunityStatus }>(
          `SELECT tag, status FROM opportunities WHERE client_id = ? AND status <> 'invalid_bdc'
            ORDER BY (status IN ('lost_bdc','lost_showroom','lost_fi','delivered','expired')), created_at DESC LIMIT 1`,
        ).get(id);
        return { id, client, phones, emails, opp };
      });
    },
    /**
     * Deletes a client's search rows without scanning the whole FTS table: `client_id` is
     * UNINDEXED there, so `DELETE … WHERE client_id = ?` reads every row (seconds at a
     * million clients). A search row's rowid is its client's, so it is one read. Should the
     * two ever differ (a VACUUM renumbers implicit rowids), the row is found through an indexed
     * token the client has (an e-mail, else the name), then deleted by rowid. Call it before
     * changing the client's e-mails or name; the full scan remains only for a client with
     * neither.
     */
    deleteSearchRows(clientId: string): void {
      // The row carries its client's rowid (insertSearchRows): one read by rowid, checked.
      const rowid = stmt<{ rowid: number }>('SELECT rowid FROM clients WHERE id = ?').get(clientId)?.rowid;
      if (rowid !== undefined && stmt('DELETE FROM client_search WHERE rowid = ? AND client_id = ?').run(rowid, clientId).changes > 0) return;
      const client = stmt<{ first_name: string; last_name: string }>('SELECT first_name, last_name FROM clients WHERE id = ?').get(clientId);
      const phrase = (text: string) => `"${text.replaceAll('"', '""')}"`;
      const emails = stmt<{ email: string }>('SELECT email FROM client_emails WHERE client_id = ?').all(clientId);
      const probes = emails.map((e) => `emails : ${phrase(e.email)}`);
      const name = client ? `${client.first_name} ${client.last_name}`.trim() : '';
      if (name) probes.push(`name : ${phrase(name)}`);
      for (const match of probes) {
        const rows = stmt<{ rowid: number }>('SELECT rowid FROM client_search WHERE client_search MATCH ? AND client_id = ?').all(match, clientId);
        if (rows.length) {
          for (const row of rows) stmt('DELETE FROM client_search WHERE rowid = ?').run(row.rowid);
          return;
        }
      }
      if (probes.length === 0) stmt('DELETE FROM client_search WHERE client_id = ?').run(clientId);
    },
    /**
     * Rewrites a client's search row from its current names and e-mails (refreshSearchRows).
     * The old row is found by its rowid or, should the two have drifted apart, by the name
     * and e-mails the client still has (deleteSearchRows).
     */
    refreshSearch(clientId: string): void {
      this.refreshSearchRows([clientId]);
    },
    /**
     * refreshSearch for several stored clients. FTS5 keeps a transaction's changes in memory
     * and writes them out as a new index segment whenever a statement may need undoing (an
     * INSERT … SELECT opens a statement savepoint) or a rowid goes back; rewriting one row
     * with INSERT … SELECT thus cost about 300 µs. Here the rows are read first, then written
     * one by one with single-row statements, in rowid order: about 60 µs a client.
     */
    refreshSearchRows(clientIds: readonly string[]): void {
      if (clientIds.length === 0) return;
      const rows = stmt<StoredSearchRow>(`${SEARCH_ROWS} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.rowid`).all(JSON.stringify(clientIds));
      // A client no longer stored (a colleague's deletion, through sync) only loses its row.
      const found = new Set(rows.map((row) => row.client_id));
      for (const id of clientIds) if (!found.has(id)) this.deleteSearchRows(id);
      // OR REPLACE: see insertSearchRows.
      const write = stmt('INSERT OR REPLACE INTO client_search (rowid, client_id, name, emails) VALUES (?, ?, ?, ?)');
      for (const row of rows) {
        this.deleteSearchRows(row.client_id);
        write.run(row.rowid, row.client_id, row.name, row.emails);
      }
    },
    /**
     * Writes the search rows of these clients (of every client when null) in one statement,
     * from their current names and e-mails (numbers are searched through their own indexes,
     * see `searchPhones`), under the client's own rowid (deleteSearchRows finds it by that).
     * The one definition of a search row: a single refresh, an import's file and a first sync
     * all write it here. Old rows are the caller's to delete first.
     */
    insertSearchRows(clientIds: readonly string[] | null): void {
      // OR REPLACE: a row left under this rowid by a client since deleted (SQLite reuses the
      // highest rowid) gives way instead of failing the caller's import, merge or sync.
      const select = `INSERT OR REPLACE INTO client_search (rowid, client_id, name, emails) ${SEARCH_ROWS}`;
      if (clientIds === null) stmt(select).run();
      // In rowid order, for the reason refreshSearchRows gives.
      else if (clientIds.length > 0) stmt(`${select} WHERE c.id IN (SELECT value FROM json_each(?)) ORDER BY c.rowid`).run(JSON.stringify(clientIds));
    },
    /** One phone of the cache (the first by rowid), for warming the ring's read path up. */
    samplePhone(): string | undefined {
      return stmt<{ e164: string }>('SELECT e164 FROM client_phones LIMIT 1').get()?.e164;
    },
    /** Live clients: all of them (a covering-index count) less the merged ones (a partial index). */
    count(): number {
      return (
        stmt<{ n: number }>(
          'SELECT (SELECT count(*) FROM clients) - (SELECT count(*) FROM clients WHERE merged_into IS NOT NULL) AS n',
        ).get()?.n ?? 0
      );
    },
  };
}
export type ContactsRepo = ReturnType<typeof contactsRepo>;

/** Live clients with a number in [?, ?), in number order (`client_phones_e164`), LIMIT ?. */
export const PHONE_RANGE_SQL = `SELECT p.client_id FROM client_phones p JOIN clients c ON c.id = p.client_id
  WHERE p.e164 >= ? AND p.e164 < ? AND c.merged_into IS NULL ORDER BY p.e164 LIMIT ?`;
const PHONE_LOCAL = `(${PHONE_LOCAL_SQL.replaceAll('e164', 'p.e164')})`;
/** What comes before the part {@link PHONE_LOCAL_SQL} keeps: `+1514`, `+336`. */
const PHONE_HEAD_SQL = "CASE WHEN substr(e164, 2, 1) = '1' THEN substr(e164, 1, 5) ELSE substr(e164, 1, 4) END";
/**
 * The same by the number without its area code: the distinct heads (`+1514`, `+1438`,
 * `+336`…) are read from `client_phones_e164` one seek each (the next head is the first
 * number after every one that starts with the last), then one range under each head. A
 * centre has a few dozen heads, so this is a few dozen seeks, and needs no index of its own.
 */
export const PHONE_LOCAL_RANGE_SQL = `WITH RECURSIVE heads(head) AS (
    SELECT (SELECT ${PHONE_HEAD_SQL} FROM client_phones WHERE e164 >= '+' ORDER BY e164 LIMIT 1)
    UNION ALL
    SELECT (SELECT ${PHONE_HEAD_SQL} FROM client_phones WHERE e164 >= heads.head || ':' ORDER BY e164 LIMIT 1)
      FROM heads WHERE heads.head IS NOT NULL
  )
  SELECT p.client_id FROM heads h
    JOIN client_phones p ON p.e164 >= h.head || ? AND p.e164 < h.head || ?
    JOIN clients c ON c.id = p.client_id
   WHERE h.head IS NOT NULL AND c.merged_into IS NULL LIMIT ?`;

/** The three ways typed digits may start a number, as GLOB patterns (see {@link PHONE_MATCH_SQL}). */
function phonePatterns(digits: string): string[] {
  if (!/^\d+$/.test(digits)) throw new Error(`phone digits expected, got "${digits.slice(0, 20)}"`);
  return [`+${digits}*`, `+1${digits}*`, `${digits}*`];
}

/**
 * SQL true when a phone row (alias `p`) starts with typed digits, three ways: with its
 * country code, without it (+1 numbers), without the area code. Binds {@link phonePatterns}.
 * For a filter on one client's few numbers; a search by digits alone reads index ranges
 * instead (`searchPhones`).
 */
const PHONE_MATCH_SQL = `(p.e164 GLOB ? OR p.e164 GLOB ? OR ${PHONE_LOCAL} GLOB ?)`;

export { bool };
