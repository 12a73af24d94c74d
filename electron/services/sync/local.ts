import type { Database } from 'better-sqlite3';
import { newId } from '../db/ids';
import { statementCache } from '../db/sql';
import type { ContactsRepo } from '../db/repos/contacts';
import { SYNCED_BY_NAME, SYNCED_TABLES, type SyncRow, type SyncedTable } from './tables';

export interface OutboxRow {
  seq: number;
  key: string;
  tbl: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  new: string | null;
  old: string | null;
}

export interface ConflictRecord {
  id: string;
  kind: 'lost_race' | 'rejected';
  table: string;
  rowId: string;
  clientId: string | null;
  mine: SyncRow | null;
  theirs: SyncRow | null;
  winnerAgentId: string | null;
  rule: string | null;
  reason: string | null;
  explanation: { fr: string; en: string };
  serverSeq: number | null;
  createdAt: string;
}

/** The tables the search rows are made of (contactsRepo.refreshSearch). */
const SEARCHED = new Set(['clients', 'client_phones', 'client_emails']);

/** Columns other than id that are unique in the cache: a pulled row replaces a local twin. */
const UNIQUE_KEYS: Record<string, readonly string[]> = {
  sms_templates: ['name'],
  branches: ['name'],
  opportunities: ['provider', 'provider_ref'],
};

export interface PulledRows {
  /** Each table's rows as arrays in the order of its `columns` (id first). */
  rows: Map<string, unknown[][]>;
  tombstones: { tbl: string; row_id: string }[];
  cursor: number;
}

export interface Applied {
  clients: Set<string>;
  /** Clients whose name, phones or e-mails changed: their search rows are rewritten. */
  searched: Set<string>;
  agents: Set<string>;
  tables: Set<string>;
  rows: number;
}

/** The sync's reads and writes on the cache: the outbox, the cursor, pulled rows, conflicts. */
export function syncStore(db: Database, contacts: ContactsRepo) {
  const stmt = statementCache(db);

  const upserts = new Map<string, string>();
  /**
   * The upsert of one row (`?` per column) or, `page`, of a whole page of a table: its rows as
   * one JSON array of arrays, read with `jsonb_each` so that each `value ->> i` looks into a
   * binary row instead of parsing its text again (as leadsRepo's bulk inserts). `WHERE true` tells the parser the ON CONFLICT belongs to the
   * INSERT, not to a join.
   */
  function upsertSql(t: SyncedTable, page = false): string {
    const key = `${t.name}${page ? ':page' : ''}`;
    let sql = upserts.get(key);
    if (!sql) {
      const cols = t.columns;
      const source = page ? `SELECT ${cols.map((_, i) => `value ->> ${i}`).join(', ')} FROM jsonb_each(?) WHERE true` : `VALUES (${cols.map(() => '?').join(', ')})`;
      sql = `INSERT INTO ${t.name} (${cols.join(', ')}) ${source}
        ON CONFLICT(id) DO UPDATE SET ${cols
          .filter((c) => c !== 'id')
          .map((c) => `${c} = excluded.${c}`)
          .join(', ')}`;
      upserts.set(key, sql);
    }
    return sql;
  }

  /**
   * A page of one table in one statement (several times faster than row by row on a first
   * sync). A page whose rows collide with a local twin on another unique column fails as a
   * whole, changing nothing, and is then written row by row, where the twin is replaced.
   */
  function upsertPage(t: SyncedTable, rows: readonly unknown[][]): void {
    const CHUNK = 2000;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const part = rows.slice(i, i + CHUNK);
      try {
        stmt(upsertSql(t, true)).run(JSON.stringify(part));
      } catch (error) {
        if (!UNIQUE_KEYS[t.name] || !(error instanceof Error) || !/UNIQUE/.test(error.message)) throw error;
        for (const values of part) upsert(t, {}, values);
      }
    }
  }

  function clientOf(t: SyncedTable, row: SyncRow | null): string | null {
    if (!row || !t.clientColumn) return null;
    const v = row[t.clientColumn];
    return typeof v === 'string' ? v : null;
  }

  function upsert(
    t: SyncedTable,
    row: SyncRow,
    values: readonly unknown[] = t.columns.map((c) => row[c] ?? null),
  ): void {
    try {
      stmt(upsertSql(t)).run(...values);
    } catch (error) {
      const unique = UNIQUE_KEYS[t.name];
      if (!unique || !(error instanceof Error) || !/UNIQUE/.test(error.message)) throw error;
      // The server's row wins over a local twin made before this cache joined the team.
      stmt(`DELETE FROM ${t.name} WHERE ${unique.map((c) => `${c} IS ?`).join(' AND ')} AND id <> ?`).run(
        ...unique.map((c) => row[c] ?? null),
        row.id,
      );
      stmt(upsertSql(t)).run(...values);
    }
  }

  function remove(t: SyncedTable, id: string): SyncRow | null {
    const before = stmt<SyncRow>(`SELECT * FROM ${t.name} WHERE id = ?`).get(id) ?? null;
    stmt(`DELETE FROM ${t.name} WHERE id = ?`).run(id);
    return before;
  }

  /**
   * Rewrites the search rows of the touched clients. A few go through the contacts
   * repository; a page of thousands (a first sync) drops their rows in one statement, since
   * FTS5 finds an UNINDEXED client_id only by scanning, then writes them back the same way.
   */
  function refreshSearch(clientIds: ReadonlySet<string>, emptied = false): void {
    if (clientIds.size <= 200 && !emptied) {
      contacts.refreshSearchRows([...clientIds]);
      return;
    }
    if (!emptied)
      stmt('DELETE FROM client_search WHERE client_id IN (SELECT value FROM json_each(?))').run(
        JSON.stringify([...clientIds]),
      );
    contacts.insertSearchRows([...clientIds]);
  }

  /**
   * Writes server rows into the cache with the `applying` flag raised (no echo into the
   * outbox), foreign keys off for the batch (a page may hold a child whose parent's latest
   * version is in a later page), search rows rewritten for every touched client.
   */
  function applyServerRows(
    work: (touch: (t: SyncedTable, row: SyncRow | null) => void) => void,
    deferSearch = false,
  ): Applied {
    const applied: Applied = { clients: new Set(), searched: new Set(), agents: new Set(), tables: new Set(), rows: 0 };
    const touch = (t: SyncedTable, row: SyncRow | null) => {
      applied.rows += 1;
      applied.tables.add(t.name);
      const client = clientOf(t, row);
      if (client) {
        applied.clients.add(client);
        if (SEARCHED.has(t.name)) applied.searched.add(client);
      }
      if (t.name === 'agents' && row && typeof row.id === 'string') applied.agents.add(row.id);
    };
    db.pragma('foreign_keys = OFF');
    try {
      db.transaction(() => {
        stmt('UPDATE sync_state SET applying = 1 WHERE id = 1').run();
        work(touch);
        if (!deferSearch) refreshSearch(applied.searched);
        stmt('UPDATE sync_state SET applying = 0 WHERE id = 1').run();
      })();
    } finally {
      db.pragma('foreign_keys = ON');
    }
    return applied;
  }

  return {
    state() {
      return stmt<{
        enabled: number;
        agent_id: string | null;
        cursor: number;
        last_pull_at: string | null;
        last_push_at: string | null;
        config: string | null;
      }>('SELECT enabled, agent_id, cursor, last_pull_at, last_push_at, config FROM sync_state WHERE id = 1').get()!;
    },
    setEnabled(enabled: boolean, agentId: string | null): void {
      stmt('UPDATE sync_state SET enabled = ?, agent_id = ? WHERE id = 1').run(enabled ? 1 : 0, agentId);
    },
    setAgent(agentId: string | null): void {
      stmt('UPDATE sync_state SET agent_id = ? WHERE id = 1').run(agentId);
    },
    setConfig(config: string | null): void {
      stmt('UPDATE sync_state SET config = ? WHERE id = 1').run(config);
    },
    pending(): number {
      return stmt<{ n: number }>('SELECT count(*) AS n FROM outbox').get()?.n ?? 0;
    },
    lastOutboxSeq(): number {
      return stmt<{ s: number | null }>('SELECT max(seq) AS s FROM outbox').get()?.s ?? 0;
    },
    outbox(limit: number): OutboxRow[] {
      return stmt<OutboxRow>('SELECT seq, key, tbl, row_id, op, new, old FROM outbox ORDER BY seq LIMIT ?').all(limit);
    },

    /** A pulled page: rows in table order, deletions, then the cursor, in one transaction. */
    applyPull(page: PulledRows, at: string, deferSearch = false): Applied {
      const checkPending = stmt<{ n: number }>('SELECT count(*) AS n FROM outbox').get()!.n > 0;
      const pendingFor = (tbl: string, id: unknown) =>
        checkPending && stmt('SELECT 1 FROM outbox WHERE tbl = ? AND row_id = ? LIMIT 1').get(tbl, id) !== undefined;
      return applyServerRows((touch) => {
        for (const t of SYNCED_TABLES) {
          const at = t.clientColumn ? t.columns.indexOf(t.clientColumn) : -1;
          const rows = page.rows.get(t.name) ?? [];
          // Nothing waiting to be pushed (a first sync, most pulls): the page goes in by the set.
          if (!checkPending && rows.length > 1) upsertPage(t, rows);
          for (const values of rows) {
            // A local change still waiting to be pushed wins in the cache until the server has
            // answered it; the pull after the push brings the server's verdict.
            if (checkPending && pendingFor(t.name, values[0])) continue;
            if (checkPending || rows.length <= 1) upsert(t, {}, values);
            const row: SyncRow = { id: values[0] as string };
            if (at >= 0 && t.clientColumn) row[t.clientColumn] = values[at] as string | null;
            touch(t, row);
          }
        }
        for (const gone of page.tombstones) {
          const t = SYNCED_BY_NAME.get(gone.tbl);
          if (!t || pendingFor(gone.tbl, gone.row_id)) continue;
          touch(t, remove(t, gone.row_id));
        }
        // A first sync's pages leave last_pull_at unset until rebuildSearch: a first sync cut
        // short resumes as a first sync and still rebuilds the search rows at its end.
        if (deferSearch) stmt('UPDATE sync_state SET cursor = ? WHERE id = 1').run(page.cursor);
        else stmt('UPDATE sync_state SET cursor = ?, last_pull_at = ? WHERE id = 1').run(page.cursor, at);
      }, deferSearch);
    },

    /** Rewrites every search row at once: the end of a first sync, whose pages deferred them. */
    rebuildSearch(at: string): void {
      db.transaction(() => {
        stmt('UPDATE sync_state SET last_pull_at = ? WHERE id = 1').run(at);
        stmt('DELETE FROM client_search').run();
        contacts.insertSearchRows(null);
      })();
    },

    /**
     * A pushed batch the server answered: the outbox rows are done, refused or lost changes are
     * recorded as conflicts and the cache takes the server's row back (or drops a row the server
     * does not have).
     */
    finishPush(
      done: readonly OutboxRow[],
      corrections: readonly { tbl: string; rowId: string; server: SyncRow | null }[],
      conflicts: readonly ConflictRecord[],
      at: string,
    ): Applied {
      return applyServerRows((touch) => {
        for (const row of done) stmt('DELETE FROM outbox WHERE seq = ?').run(row.seq);
        for (const fix of corrections) {
          const t = SYNCED_BY_NAME.get(fix.tbl);
          if (!t) continue;
          if (fix.server) {
            upsert(t, fix.server);
            touch(t, fix.server);
          } else touch(t, remove(t, fix.rowId));
        }
        for (const c of conflicts) {
          stmt(
            `INSERT INTO sync_conflicts (id, outbox_key, kind, tbl, row_id, client_id, mine, theirs, winner_agent_id, rule, reason,
               explanation_fr, explanation_en, server_seq, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          ).run(
            c.id,
            done.find((d) => d.row_id === c.rowId && d.tbl === c.table)?.key ?? '',
            c.kind,
            c.table,
            c.rowId,
            c.clientId,
            c.mine ? JSON.stringify(c.mine) : null,
            c.theirs ? JSON.stringify(c.theirs) : null,
            c.winnerAgentId,
            c.rule,
            c.reason,
            c.explanation.fr,
            c.explanation.en,
            c.serverSeq,
            c.createdAt,
          );
        }
        stmt('UPDATE sync_state SET last_push_at = ? WHERE id = 1').run(at);
      });
    },

    conflicts(unseenOnly: boolean, limit = 50): ConflictRecord[] {
      const rows = stmt<{
        id: string;
        kind: 'lost_race' | 'rejected';
        tbl: string;
        row_id: string;
        client_id: string | null;
        mine: string | null;
        theirs: string | null;
        winner_agent_id: string | null;
        rule: string | null;
        reason: string | null;
        explanation_fr: string;
        explanation_en: string;
        server_seq: number | null;
        created_at: string;
      }>(
        `SELECT * FROM sync_conflicts ${unseenOnly ? 'WHERE seen_at IS NULL' : ''} ORDER BY created_at DESC, rowid DESC LIMIT ?`,
      ).all(limit);
      return rows.map((r) => ({
        id: r.id,
        kind: r.kind,
        table: r.tbl,
        rowId: r.row_id,
        clientId: r.client_id,
        mine: r.mine ? (JSON.parse(r.mine) as SyncRow) : null,
        theirs: r.theirs ? (JSON.parse(r.theirs) as SyncRow) : null,
        winnerAgentId: r.winner_agent_id,
        rule: r.rule,
        reason: r.reason,
        explanation: { fr: r.explanation_fr, en: r.explanation_en },
        serverSeq: r.server_seq,
        createdAt: r.created_at,
      }));
    },
    markSeen(ids: readonly string[], at: string): void {
      for (const id of ids) stmt('UPDATE sync_conflicts SET seen_at = ? WHERE id = ? AND seen_at IS NULL').run(at, id);
    },
    agentName(id: string | null): string | null {
      return id ? (stmt<{ name: string }>('SELECT name FROM agents WHERE id = ?').get(id)?.name ?? id) : null;
    },
    clientOf(table: string, row: SyncRow | null): string | null {
      const t = SYNCED_BY_NAME.get(table);
      return t ? clientOf(t, row) : null;
    },
  };
}
export type SyncStore = ReturnType<typeof syncStore>;

export const newConflictId = (): string => newId();
