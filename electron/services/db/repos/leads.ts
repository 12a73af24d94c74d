import type { Database, Statement } from 'better-sqlite3';
import { newId } from '../ids';
import type { Language, LeadType, OpportunityStatus, Tag } from '../../../../shared/domain/model';
import { QUEUE_WHERE_SQL, TAG_RANK_SQL } from '../migrations/0002-leads';
import { FOLLOW_UP_WHERE_SQL } from '../migrations/0007-followups-financing';
import { contactsRepo } from './contacts';
import { statementCache } from '../sql';

export interface QueueRow {
  id: string;
  client_id: string;
  type: LeadType;
  provider: string | null;
  tag: Tag;
  manager_id: string | null;
  manager_name: string | null;
  created_at: string;
  first_name: string;
  last_name: string;
  vehicle_year: number | null;
  vehicle_make: string | null;
  vehicle_model: string | null;
}

export interface OpenOpportunityRow {
  id: string;
  client_id: string;
  manager_id: string | null;
  handled_by: string | null;
  tag: Tag;
  status: OpportunityStatus;
  created_at: string;
  type: LeadType;
}

export interface WatchFolderRow {
  id: string;
  path: string;
  enabled: number;
  last_scan_at: string | null;
  created_at: string;
}

export interface BatchRow {
  id: string;
  source: 'adf' | 'eml' | 'csv';
  via: 'picker' | 'folder' | 'api';
  file_name: string;
  status: 'imported' | 'failed';
  leads: number;
  created_clients: number;
  joined_clients: number;
  duplicates: number;
  errors: string | null;
  created_at: string;
}

/** INDEXED BY pins the queue's index: a statement that could not use it fails to prepare. */
const queueSelect = (index: 'opportunities_queue' | 'opportunities_queue_manager' | null) => `SELECT o.id, o.client_id, o.type, o.provider, o.tag,
    o.manager_id, a.name AS manager_name, o.created_at, c.first_name, c.last_name, o.vehicle_year, o.vehicle_make, o.vehicle_model
  FROM opportunities o${index ? ` INDEXED BY ${index}` : ''} JOIN clients c ON c.id = o.client_id LEFT JOIN agents a ON a.id = o.manager_id`;
const OPEN_SQL = "status NOT IN ('lost_bdc','invalid_bdc','lost_showroom','lost_fi','delivered','expired')";

/**
 * The SQL of leads in and the day's work: import writes, the queue (Q-1), follow-up
 * counters (FU-1..3), expiry (ST-1), merges and the watched folders. Callers wrap related
 * writes in one transaction; every change's activity is written by the caller through
 * WorkRepo.insertActivity in the same transaction.
 */
export function leadsRepo(db: Database) {
  const stmt = statementCache(db);
  const contacts = contactsRepo(db);
  const o = 'o.';
  const queueWhere = QUEUE_WHERE_SQL.replace(/(department|status|handled_by)/g, `${o}$1`);
  const rank = TAG_RANK_SQL.replace('tag', 'o.tag');
  return {
    // ---- imports -------------------------------------------------------------------------
    /** "The OPP" of a client (rules.md): its most recent open BDC opportunity. */
    latestOpenBdcOpportunity(clientId: string): OpenOpportunityRow | undefined {
      return stmt<OpenOpportunityRow>(
        `SELECT id, client_id, manager_id, handled_by, tag, status, created_at, type FROM opportunities
          WHERE client_id = ? AND department = 'bdc' AND ${OPEN_SQL} ORDER BY created_at DESC LIMIT 1`,
      ).get(clientId);
    },
    latestOpportunityAt(clientId: string): string | null {
      return (
        stmt<{ at: string | null }>("SELECT max(created_at) AS at FROM opportunities WHERE client_id = ? AND status <> 'invalid_bdc'").get(clientId)?.at ??
        null
      );
    },
    phonesOf(clientId: string): string[] {
      return stmt<{ e164: string }>('SELECT e164 FROM client_phones WHERE client_id = ?')
        .all(clientId)
        .map((r) => r.e164);
    },
    emailsOf(clientId: string): string[] {
      return stmt<{ email: string }>('SELECT email FROM client_emails WHERE client_id = ?')
        .all(clientId)
        .map((r) => r.email);
    },
    // ---- an import's reads and writes by the set ------------------------------------------------
    // A file of leads is read in three statements and written in one statement per table
    // (chunked): each row still goes through every index, CHECK, foreign key and outbox
    // trigger, but without a round trip from JavaScript per row, several times faster than
    // row by row at a million clients (see bench/leads.ts). The rows go in as one JSON array
    // of arrays read with `jsonb_each`, whose `value` is each row in binary form, so every
    // `value ->> i` is a lookup; `json_each` hands each row back as text that each `->>`
    // parses again (16 columns of an OPP: 6.6 → 2.7 µs a row).
    /** Which of these (provider, provider id) pairs an OPP already carries, as `provider\u0000ref`. */
    existingProviderRefs(pairs: readonly (readonly [string, string])[]): Set<string> {
      const found = new Set<string>();
      const read = stmt<{ provider: string; ref: string }>(
        `SELECT j.value ->> 0 AS provider, j.value ->> 1 AS ref FROM jsonb_each(?) j
          WHERE EXISTS (SELECT 1 FROM opportunities o WHERE o.provider = j.value ->> 0 AND o.provider_ref = j.value ->> 1)`,
      );
      for (const part of chunks(pairs)) for (const r of read.all(JSON.stringify(part))) found.add(`${r.provider}\u0000${r.ref}`);
      return found;
    },
    /** The live clients (not merged away) owning each of these numbers, in client id order. */
    clientsByPhones(e164s: readonly string[]): Map<string, string[]> {
      return owners(
        stmt<{ key: string; client_id: string }>(
          `SELECT p.e164 AS key, p.client_id FROM json_each(?) j JOIN client_phones p ON p.e164 = j.value
             JOIN clients c ON c.id = p.client_id WHERE c.merged_into IS NULL ORDER BY p.e164, p.client_id`,
        ),
        e164s,
      );
    },
    /** The live clients owning each of these addresses, in client id order. */
    clientsByEmails(emails: readonly string[]): Map<string, string[]> {
      return owners(
        stmt<{ key: string; client_id: string }>(
          `SELECT e.email AS key, e.client_id FROM json_each(?) j JOIN client_emails e ON e.email = j.value
             JOIN clients c ON c.id = e.client_id WHERE c.merged_into IS NULL ORDER BY e.email, e.client_id`,
        ),
        emails,
      );
    },
    /** Rows: [id, first name, last name, language]. */
    insertClientRows(rows: readonly ImportRow[], at: string): void {
      bulk(
        stmt(`INSERT INTO clients (id, first_name, last_name, language, origin, created_at, updated_at)
          SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, 'import', @at, @at FROM jsonb_each(@rows)`),
        rows,
        at,
      );
    },
    /** Rows: [id, client id, e164, kind, sms capable 0/1]. */
    insertPhoneRows(rows: readonly ImportRow[], at: string): void {
      bulk(
        stmt(`INSERT INTO client_phones (id, client_id, e164, kind, sms_capable, created_at, updated_at)
          SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, @at, @at FROM jsonb_each(@rows)`),
        rows,
        at,
      );
    },
    /** Rows: [id, client id, e-mail]. */
    insertEmailRows(rows: readonly ImportRow[], at: string): void {
      bulk(
        stmt(`INSERT INTO client_emails (id, client_id, email, created_at, updated_at)
          SELECT value ->> 0, value ->> 1, value ->> 2, @at, @at FROM jsonb_each(@rows)`),
        rows,
        at,
      );
    },
    /**
     * Rows: [id, client id, type, provider, provider id, tag, manager id, message, year, make,
     * model, trim, stock, vin, trade-in, created at] — open BDC OPPs (En traitement).
     */
    insertOpportunityRows(rows: readonly ImportRow[], at: string): void {
      bulk(
        stmt(`INSERT INTO opportunities (id, client_id, type, provider, provider_ref, department, status, tag, manager_id, message,
            vehicle_year, vehicle_make, vehicle_model, vehicle_trim, vehicle_stock, vehicle_vin, trade_in, origin, created_at, updated_at)
          SELECT value ->> 0, value ->> 1, value ->> 2, value ->> 3, value ->> 4, 'bdc', 'in_progress', value ->> 5, value ->> 6, value ->> 7,
            value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14, 'import', value ->> 15, @at
          FROM jsonb_each(@rows)`),
        rows,
        at,
      );
    },
    /** Rows: [id, client id, OPP id, kind, at, data JSON text]; written as WorkRepo.insertActivity does. */
    insertActivityRows(rows: readonly ImportRow[]): void {
      bulk(
        stmt(`INSERT INTO activities (id, client_id, opportunity_id, meeting_id, agent_id, kind, at, note, data, created_at, updated_at)
          SELECT value ->> 0, value ->> 1, value ->> 2, NULL, NULL, value ->> 3, value ->> 4, NULL, value ->> 5, value ->> 4, value ->> 4
          FROM jsonb_each(@rows)`),
        rows,
        null,
      );
    },
    insertBatch(b: Omit<BatchRow, 'id' | 'created_at'> & { agentId: string | null; at: string }): string {
      const id = newId();
      stmt(
        `INSERT INTO lead_import_batches (id, source, via, file_name, status, leads, created_clients, joined_clients, duplicates, errors,
           agent_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(id, b.source, b.via, b.file_name, b.status, b.leads, b.created_clients, b.joined_clients, b.duplicates, b.errors, b.agentId, b.at, b.at);
      return id;
    },
    recentBatches(limit: number): BatchRow[] {
      return stmt<BatchRow>(
        `SELECT id, source, via, file_name, status, leads, created_clients, joined_clients, duplicates, errors, created_at
           FROM lead_import_batches ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ).all(limit);
    },

    // ---- the queue (Q-1) ---------------------------------------------------------------------
    /** The head among one manager's untreated leads (null manager = unassigned). */
    queueHeadFor(managerId: string | null): QueueRow | undefined {
      return managerId === null
        ? stmt<QueueRow>(`${queueSelect('opportunities_queue_manager')} WHERE ${queueWhere} AND o.manager_id IS NULL ORDER BY ${rank}, o.created_at LIMIT 1`).get()
        : stmt<QueueRow>(`${queueSelect('opportunities_queue_manager')} WHERE ${queueWhere} AND o.manager_id = ? ORDER BY ${rank}, o.created_at LIMIT 1`).get(managerId);
    },
    queueList(filter: 'all' | 'mine' | 'unassigned', agentId: string, type: LeadType | null, limit: number, offset: number): QueueRow[] {
      const typeSql = type ? ' AND o.type = ?' : '';
      const args: unknown[] = [];
      let who = '';
      if (filter === 'mine') {
        who = ' AND o.manager_id = ?';
        args.push(agentId);
      } else if (filter === 'unassigned') who = ' AND o.manager_id IS NULL';
      if (type) args.push(type);
      const index = filter === 'all' ? 'opportunities_queue' : 'opportunities_queue_manager';
      return stmt<QueueRow>(`${queueSelect(index)} WHERE ${queueWhere}${who}${typeSql} ORDER BY ${rank}, o.created_at LIMIT ? OFFSET ?`).all(
        ...args,
        limit,
        offset,
      );
    },
    queueCount(filter: 'all' | 'mine' | 'unassigned', agentId: string, type: LeadType | null): number {
      const args: unknown[] = [];
      let who = '';
      if (filter === 'mine') {
        who = ' AND manager_id = ?';
        args.push(agentId);
      } else if (filter === 'unassigned') who = ' AND manager_id IS NULL';
      if (type) args.push(type);
      // Counted on the queue's partial index: the planner otherwise reads every in_progress OPP.
      const index = filter === 'all' ? 'opportunities_queue' : 'opportunities_queue_manager';
      return stmt<{ n: number }>(`SELECT count(*) AS n FROM opportunities INDEXED BY ${index} WHERE ${QUEUE_WHERE_SQL}${who}${type ? ' AND type = ?' : ''}`).get(...args)?.n ?? 0;
    },
    queueEntry(opportunityId: string): QueueRow | undefined {
      return stmt<QueueRow>(`${queueSelect(null)} WHERE o.id = ? AND ${queueWhere}`).get(opportunityId);
    },
    insertTreatment(t: { opportunityId: string; agentId: string; kind: 'next' | 'out_of_order'; headId: string | null; reason: string | null; at: string }): void {
      stmt(
        `INSERT INTO lead_treatments (id, opportunity_id, agent_id, kind, head_opportunity_id, reason, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      ).run(newId(), t.opportunityId, t.agentId, t.kind, t.headId, t.reason, t.at, t.at);
    },
    treatments(limit: number) {
      return stmt<{ opportunity_id: string; agent_id: string; kind: string; head_opportunity_id: string | null; reason: string | null; created_at: string }>(
        'SELECT opportunity_id, agent_id, kind, head_opportunity_id, reason, created_at FROM lead_treatments ORDER BY created_at DESC LIMIT ?',
      ).all(limit);
    },

    // ---- follow-ups (FU-1..3) ----------------------------------------------------------------
    opportunity(id: string) {
      return stmt<OpenOpportunityRow & { department: string; collaborator_id: string | null }>(
        'SELECT id, client_id, manager_id, handled_by, tag, status, created_at, type, department, collaborator_id FROM opportunities WHERE id = ?',
      ).get(id);
    },
    followUpsSince(opportunityId: string, since: string): { at: string; agent_id: string | null }[] {
      return stmt<{ at: string; agent_id: string | null }>(
        "SELECT at, agent_id FROM activities WHERE opportunity_id = ? AND kind = 'follow_up' AND at >= ? ORDER BY at",
      ).all(opportunityId, since);
    },
    /**
     * The last time the client was reached (FU-1's "contact"): a text from the client, an
     * answered call in the call log, or a call activity marked answered.
     */
    lastContactAt(clientId: string): string | null {
      const text = stmt<{ at: string | null }>("SELECT max(at) AS at FROM texts WHERE client_id = ? AND direction = 'in'").get(clientId)?.at ?? null;
      const call = stmt<{ at: string | null }>('SELECT max(answered_at) AS at FROM call_log WHERE client_id = ? AND answered_at IS NOT NULL').get(clientId)?.at ?? null;
      const act =
        stmt<{ at: string | null }>(
          `SELECT max(at) AS at FROM activities WHERE client_id = ? AND kind IN ('call','blead_call')
              AND (json_extract(data, '$.answered') = 1 OR json_extract(data, '$.outcome') IN ('answered','reached'))`,
        ).get(clientId)?.at ?? null;
      return [text, call, act].filter((x): x is string => x !== null).sort().pop() ?? null;
    },
    textsOutSince(clientId: string, since: string): number {
      return stmt<{ n: number }>("SELECT count(*) AS n FROM texts WHERE client_id = ? AND direction = 'out' AND at > ?").get(clientId, since)?.n ?? 0;
    },
    followUpCandidates(managerId: string, limit: number) {
      return stmt<{ id: string; client_id: string; manager_id: string; tag: Tag; created_at: string; status: OpportunityStatus; first_name: string; last_name: string }>(
        `SELECT o.id, o.client_id, o.manager_id, o.tag, o.created_at, o.status, c.first_name, c.last_name
           FROM opportunities o INDEXED BY opportunities_followups JOIN clients c ON c.id = o.client_id
          WHERE o.manager_id = ? AND ${FOLLOW_UP_WHERE_SQL.replace(/(department|status)/g, 'o.$1')}
          ORDER BY ${rank}, o.created_at LIMIT ?`,
      ).all(managerId, limit);
    },
    latestMeeting(opportunityId: string): { id: string; status: string; booked_by: string | null } | undefined {
      return stmt<{ id: string; status: string; booked_by: string | null }>(
        'SELECT id, status, booked_by FROM meetings WHERE opportunity_id = ? ORDER BY at DESC LIMIT 1',
      ).get(opportunityId);
    },
    markHandled(opportunityId: string, agentId: string, at: string): void {
      stmt('UPDATE opportunities SET handled_by = ?, handled_at = ?, updated_at = ? WHERE id = ? AND handled_by IS NULL').run(agentId, at, at, opportunityId);
    },
    setCollaborator(opportunityId: string, agentId: string, at: string): void {
      stmt('UPDATE opportunities SET collaborator_id = ?, updated_at = ? WHERE id = ?').run(agentId, at, opportunityId);
    },

    // ---- expiry (ST-1) -----------------------------------------------------------------------
    expiring(cutoff: string, limit: number): { id: string; client_id: string; status: OpportunityStatus }[] {
      return stmt<{ id: string; client_id: string; status: OpportunityStatus }>(
        `SELECT id, client_id, status FROM opportunities WHERE status IN ('in_progress','response_sent','contacted') AND created_at < ? LIMIT ?`,
      ).all(cutoff, limit);
    },

    // ---- merges ------------------------------------------------------------------------------
    client(id: string) {
      return stmt<{ id: string; first_name: string; last_name: string; language: Language; cre: string | null; merged_into: string | null }>(
        'SELECT id, first_name, last_name, language, cre, merged_into FROM clients WHERE id = ?',
      ).get(id);
    },
    /** Re-points every row of `from` to `to` (phones and e-mails already on `to` are dropped). */
    repoint(from: string, to: string, at: string): Record<string, number> {
      const moved: Record<string, number> = {};
      stmt('DELETE FROM client_phones WHERE client_id = ? AND e164 IN (SELECT e164 FROM client_phones WHERE client_id = ?)').run(from, to);
      stmt('DELETE FROM client_emails WHERE client_id = ? AND email IN (SELECT email FROM client_emails WHERE client_id = ?)').run(from, to);
      for (const table of ['client_phones', 'client_emails', 'opportunities', 'meetings', 'activities', 'texts', 'chats', 'da_tasks']) {
        moved[table] = stmt(`UPDATE ${table} SET client_id = ?, updated_at = ? WHERE client_id = ?`).run(to, at, from).changes;
      }
      moved.call_log = stmt('UPDATE call_log SET client_id = ?, updated_at = ? WHERE client_id = ?').run(to, at, from).changes;
      return moved;
    },
    /** Call deleteSearchRows(id) first, while its phones and e-mails are still its own. */
    markMerged(id: string, into: string, at: string): void {
      stmt('UPDATE clients SET merged_into = ?, updated_at = ? WHERE id = ?').run(into, at, id);
    },

    // ---- search rows ---------------------------------------------------------------------------
    /** Finds a client's search rows by an indexed token and deletes them (see contactsRepo). */
    deleteSearchRows(clientId: string): void {
      contacts.deleteSearchRows(clientId);
    },
    /** Search rows of these clients from what they hold now (contactsRepo.insertSearchRows). */
    insertSearchRows(clientIds: readonly string[]): void {
      contacts.insertSearchRows(clientIds);
    },
    /** Rewrites the search rows of these stored clients (contactsRepo.refreshSearchRows). */
    refreshSearchRows(clientIds: readonly string[]): void {
      contacts.refreshSearchRows(clientIds);
    },
    setCre(id: string, cre: string, at: string): void {
      stmt('UPDATE clients SET cre = ?, updated_at = ? WHERE id = ? AND cre IS NULL').run(cre, at, id);
    },
    /** Other live clients sharing a phone or an e-mail with this one (merge proposals). */
    duplicatesOf(clientId: string): { client_id: string; via: string }[] {
      return stmt<{ client_id: string; via: string }>(
        `SELECT DISTINCT p2.client_id, p2.e164 AS via FROM client_phones p1
           JOIN client_phones p2 ON p2.e164 = p1.e164 AND p2.client_id <> p1.client_id
           JOIN clients c ON c.id = p2.client_id AND c.merged_into IS NULL
          WHERE p1.client_id = ?
         UNION
         SELECT DISTINCT e2.client_id, e2.email AS via FROM client_emails e1
           JOIN client_emails e2 ON e2.email = e1.email AND e2.client_id <> e1.client_id
           JOIN clients c ON c.id = e2.client_id AND c.merged_into IS NULL
          WHERE e1.client_id = ?
          LIMIT 20`,
      ).all(clientId, clientId);
    },
    clientSummary(id: string) {
      const client = stmt<{ id: string; first_name: string; last_name: string; created_at: string }>(
        'SELECT id, first_name, last_name, created_at FROM clients WHERE id = ? AND merged_into IS NULL',
      ).get(id);
      if (!client) return undefined;
      return {
        ...client,
        phones: this.phonesOf(id),
        emails: this.emailsOf(id),
        opportunities: stmt<{ n: number }>('SELECT count(*) AS n FROM opportunities WHERE client_id = ?').get(id)?.n ?? 0,
      };
    },

    // ---- watched folders ---------------------------------------------------------------------
    watchFolders(): WatchFolderRow[] {
      return stmt<WatchFolderRow>('SELECT id, path, enabled, last_scan_at, created_at FROM lead_watch_folders ORDER BY created_at').all();
    },
    addWatchFolder(path: string, at: string): string {
      const existing = stmt<{ id: string }>('SELECT id FROM lead_watch_folders WHERE path = ?').get(path);
      if (existing) {
        stmt('UPDATE lead_watch_folders SET enabled = 1, updated_at = ? WHERE id = ?').run(at, existing.id);
        return existing.id;
      }
      const id = newId();
      stmt('INSERT INTO lead_watch_folders (id, path, enabled, created_at, updated_at) VALUES (?, ?, 1, ?, ?)').run(id, path, at, at);
      return id;
    },
    removeWatchFolder(id: string): boolean {
      return stmt('DELETE FROM lead_watch_folders WHERE id = ?').run(id).changes > 0;
    },
    markScanned(id: string, at: string): void {
      stmt('UPDATE lead_watch_folders SET last_scan_at = ?, updated_at = ? WHERE id = ?').run(at, at, id);
    },
  };
}
export type LeadsRepo = ReturnType<typeof leadsRepo>;

/** Where an OPP row of `insertOpportunityRows` holds the values an import reads back. */
export const OPPORTUNITY_ROW = { tag: 5, managerId: 6, createdAt: 15 } as const;

/** One row of an import's set-based insert: its values, in the statement's order. */
export type ImportRow = readonly (string | number | null)[];

/** Rows per statement: a few MB of JSON at most, so memory stays flat on a 100,000-row file. */
const CHUNK = 4000;

function* chunks<T>(items: readonly T[]): Generator<T[]> {
  for (let i = 0; i < items.length; i += CHUNK) yield items.slice(i, i + CHUNK);
}

function bulk(statement: Statement, rows: readonly ImportRow[], at: string | null): void {
  for (const part of chunks(rows)) {
    statement.run(at === null ? { rows: JSON.stringify(part) } : { rows: JSON.stringify(part), at });
  }
}

function owners(read: Statement<unknown[], { key: string; client_id: string }>, keys: readonly string[]): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const part of chunks(keys)) {
    for (const r of read.all(JSON.stringify(part))) {
      const list = found.get(r.key);
      if (list) list.push(r.client_id);
      else found.set(r.key, [r.client_id]);
    }
  }
  return found;
}
