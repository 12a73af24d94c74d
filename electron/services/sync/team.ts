import type { ClientBase } from 'pg';
import { newConflictId, type ConflictRecord, type OutboxRow, type PulledRows } from './local';
import { SYNCED_BY_NAME, SYNCED_TABLES, type SyncRow, type SyncedTable } from './tables';

/**
 * The team database's side of a sync: pulling a page of changes after a cursor, and pushing
 * outbox rows with their idempotency keys and compare-and-set on guarded columns.
 */

/** A PostgreSQL error about the data (SQLSTATE), not about the connection (08…, 57…, 53…). */
export function isDataError(error: unknown): error is Error & { code: string; hint?: string } {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) && !/^(08|57|53|58|XX)/.test(code);
}

function selectList(t: SyncedTable): string {
  return t.columns.map((c) => `"${c}"`).join(', ');
}

function toRow(t: SyncedTable, raw: Record<string, unknown>): SyncRow {
  const row: SyncRow = {};
  for (const c of t.columns) {
    const v = raw[c];
    row[c] = v === null || v === undefined ? null : typeof v === 'number' ? v : String(v);
  }
  return row;
}

/**
 * One page of changes after `cursor`: every table's rows with seq in (cursor, upTo]. Every row
 * and tombstone takes its seq from the one `change_seq`, so a window of `window` seq values
 * holds at most that many rows; upTo is cursor + window, capped at the highest seq this
 * snapshot sees (the advisory lock of poste_stamp means every seq below it is settled, so
 * the cursor never passes a change still being committed). No table is scanned past the
 * page and no row is read twice. Read in one repeatable-read snapshot. `nextWindow` widens
 * the window where updates left the seq space sparse, and narrows it back where it is dense.
 */
export async function pullPage(
  client: ClientBase,
  cursor: number,
  pageSize: number,
  window: number = pageSize,
): Promise<PulledRows & { more: boolean; nextWindow: number }> {
  await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  try {
    const tops = [...SYNCED_TABLES.map((t) => t.name), 'tombstones'].map((name) => `(SELECT max(seq) FROM ${name})`).join(', ');
    const r = await client.query<{ top: string | null }>(`SELECT greatest(${tops})::text AS top`);
    const highest = Number(r.rows[0]?.top ?? 0);
    if (highest <= cursor) {
      await client.query('COMMIT');
      return { rows: new Map(), tombstones: [], cursor, more: false, nextWindow: window };
    }
    const upTo = Math.min(cursor + window, highest);
    const more = upTo < highest;
    const bound = 'AND seq <= $2';
    const params = [cursor, upTo];
    const rows = new Map<string, unknown[][]>();
    for (const t of SYNCED_TABLES) {
      // One JSON text per table and page: parsed natively, far cheaper than row-by-row decoding.
      const r = await client.query<{ rows: string | null }>(
        `SELECT json_agg(json_build_array(${selectList(t)}) ORDER BY seq)::text AS rows FROM ${t.name} WHERE seq > $1 ${bound}`,
        params,
      );
      const found = r.rows[0];
      if (found?.rows) rows.set(t.name, JSON.parse(found.rows) as unknown[][]);
    }
    const tomb = await client.query<{ tbl: string; row_id: string; seq: string }>(
      `SELECT tbl, row_id, seq::text AS seq FROM tombstones WHERE seq > $1 ${bound} ORDER BY seq`,
      params,
    );
    await client.query('COMMIT');
    const count = tomb.rows.length + [...rows.values()].reduce((n, list) => n + list.length, 0);
    const nextWindow =
      count < pageSize / 2 ? Math.min(window * 2, pageSize * 8) : count > pageSize ? Math.max(pageSize, Math.floor(window / 2)) : window;
    return { rows, tombstones: tomb.rows, cursor: upTo, more, nextWindow };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export type PushOutcome =
  | { kind: 'applied' }
  | { kind: 'duplicate' }
  | {
      kind: 'lost_race' | 'rejected';
      server: SyncRow | null;
      reason: string | null;
      rule: string | null;
      serverSeq: number | null;
      changedBy: string | null;
    };

async function serverRow(client: ClientBase, t: SyncedTable, id: string) {
  const r = await client.query<Record<string, unknown>>(
    `SELECT ${selectList(t)}, seq::text AS seq_, changed_by FROM ${t.name} WHERE id = $1`,
    [id],
  );
  const raw = r.rows[0];
  return raw
    ? { row: toRow(t, raw), seq: Number(raw.seq_), changedBy: (raw.changed_by as string | null) ?? null }
    : null;
}

function parse(json: string | null): SyncRow | null {
  return json ? (JSON.parse(json) as SyncRow) : null;
}

async function insertRow(client: ClientBase, t: SyncedTable, row: SyncRow): Promise<void> {
  const cols = t.columns;
  await client.query(
    `INSERT INTO ${t.name} (${selectList(t)}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) ON CONFLICT (id) DO NOTHING`,
    cols.map((c) => row[c] ?? null),
  );
}

/** Applies one outbox row; data errors (RLS, checks) come back as `rejected`, not thrown. */
async function applyOne(client: ClientBase, change: OutboxRow): Promise<PushOutcome> {
  const t = SYNCED_BY_NAME.get(change.tbl);
  if (!t) return { kind: 'applied' };
  const next = parse(change.new);
  const old = parse(change.old);
  if (change.op === 'insert' && next) {
    await insertRow(client, t, next);
    return { kind: 'applied' };
  }
  if (change.op === 'delete') {
    await client.query(`DELETE FROM ${t.name} WHERE id = $1`, [change.row_id]);
    return { kind: 'applied' };
  }
  if (!next || !old) return { kind: 'applied' };
  const changed = t.columns.filter((c) => c !== 'id' && (next[c] ?? null) !== (old[c] ?? null));
  if (changed.length === 0) return { kind: 'applied' };
  const guards = changed.filter((c) => t.guarded?.includes(c));
  const params: unknown[] = [
    change.row_id,
    ...changed.map((c) => next[c] ?? null),
    ...guards.map((c) => old[c] ?? null),
  ];
  const set = changed.map((c, i) => `"${c}" = $${i + 2}`).join(', ');
  const where = guards.map((c, i) => ` AND "${c}" IS NOT DISTINCT FROM $${changed.length + i + 2}`).join('');
  // Ownership and status are compare-and-set: applied only if the server still has the value
  // the agent saw (issue 9, item 3); other columns follow the server's order.
  const r = await client.query(`UPDATE ${t.name} SET ${set} WHERE id = $1${where}`, params);
  if (r.rowCount === 1) return { kind: 'applied' };
  const server = await serverRow(client, t, change.row_id);
  if (!server) {
    await insertRow(client, t, next);
    return { kind: 'applied' };
  }
  const lost = guards.some((c) => (server.row[c] ?? null) !== (old[c] ?? null));
  return {
    kind: lost ? 'lost_race' : 'rejected',
    server: server.row,
    reason: lost ? null : 'row-level security: this row is not yours to change',
    rule: null,
    serverSeq: server.seq,
    changedBy: server.changedBy,
  };
}

/**
 * Pushes outbox rows in order inside one transaction, each under a savepoint with its
 * idempotency key: a key the server already has is skipped (a retry after a crash), a change
 * the server refuses is recorded with its reason, and only a lost connection aborts.
 */
export async function pushBatch(client: ClientBase, batch: readonly OutboxRow[]): Promise<PushOutcome[]> {
  const outcomes: PushOutcome[] = [];
  await client.query('BEGIN');
  try {
    for (const change of batch) {
      const seen = await client.query('SELECT 1 FROM applied_keys WHERE key = $1', [change.key]);
      if (seen.rowCount) {
        outcomes.push({ kind: 'duplicate' });
        continue;
      }
      await client.query('SAVEPOINT change');
      let outcome: PushOutcome;
      try {
        outcome = await applyOne(client, change);
        await client.query('RELEASE SAVEPOINT change');
      } catch (error) {
        if (!isDataError(error)) throw error;
        await client.query('ROLLBACK TO SAVEPOINT change');
        const t = SYNCED_BY_NAME.get(change.tbl);
        const server = t ? await serverRow(client, t, change.row_id) : null;
        outcome = {
          kind: 'rejected',
          server: server?.row ?? null,
          reason: error.message,
          rule: error.hint ?? null,
          serverSeq: server?.seq ?? null,
          changedBy: server?.changedBy ?? null,
        };
      }
      await client.query('INSERT INTO applied_keys (key, tbl, row_id, result) VALUES ($1, $2, $3, $4)', [
        change.key,
        change.tbl,
        change.row_id,
        outcome.kind === 'duplicate' ? 'applied' : outcome.kind,
      ]);
      outcomes.push(outcome);
    }
    await client.query('COMMIT');
    return outcomes;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The rule behind the winner's change, when their latest activity on the client names one. */
export async function winnerRule(
  client: ClientBase,
  clientId: string | null,
  agentId: string | null,
): Promise<string | null> {
  if (!clientId || !agentId) return null;
  const r = await client.query<{ data: string | null; note: string | null }>(
    'SELECT data, note FROM activities WHERE client_id = $1 AND agent_id = $2 ORDER BY at DESC LIMIT 5',
    [clientId, agentId],
  );
  for (const a of r.rows) {
    try {
      const data = a.data ? (JSON.parse(a.data) as { rule?: unknown; rules?: unknown }) : null;
      if (typeof data?.rule === 'string') return data.rule;
      if (Array.isArray(data?.rules) && typeof data.rules[0] === 'string') return data.rules[0];
    } catch {
      // a note without JSON data names no rule
    }
  }
  return null;
}

const COLUMN_WORDS: Record<string, { fr: string; en: string }> = {
  manager_id: { fr: 'le gestionnaire', en: 'the manager' },
  status: { fr: 'le statut', en: 'the status' },
  booked_by: { fr: 'qui a booké', en: 'who booked' },
  state: { fr: 'l’état', en: 'the state' },
};

/** The conflict record an agent reads: who won, why, and what of theirs was not applied. */
export function explainConflict(
  change: OutboxRow,
  outcome: Extract<PushOutcome, { kind: 'lost_race' | 'rejected' }>,
  names: { winner: string | null },
  clientId: string | null,
  rule: string | null,
  at: string,
): ConflictRecord {
  const mine = parse(change.new) ?? parse(change.old);
  const old = parse(change.old);
  const t = SYNCED_BY_NAME.get(change.tbl);
  const diffs = (t?.guarded ?? [])
    .filter((c) => old && mine && (old[c] ?? null) !== (mine[c] ?? null))
    .map((c) => ({
      c,
      words: COLUMN_WORDS[c] ?? { fr: c, en: c },
      mine: String(mine?.[c] ?? '—'),
      theirs: String(outcome.server?.[c] ?? '—'),
      saw: String(old?.[c] ?? '—'),
    }));
  const ruleFr = rule ? ` Règle : ${rule}.` : '';
  const ruleEn = rule ? ` Rule: ${rule}.` : '';
  let fr: string;
  let en: string;
  if (outcome.kind === 'lost_race') {
    const who = names.winner ?? 'Un collègue';
    const whoEn = names.winner ?? 'A colleague';
    const frDiff = diffs.map((d) => `${d.words.fr} ${d.saw} → ${d.mine} (serveur : ${d.theirs})`).join(', ');
    const enDiff = diffs.map((d) => `${d.words.en} ${d.saw} → ${d.mine} (server: ${d.theirs})`).join(', ');
    fr = `${who} a modifié ce dossier avant vous (ordre du serveur, changement n° ${outcome.serverSeq ?? '?'}) ; votre changement (${frDiff}) n’a pas été appliqué, la fiche montre la version du serveur.${ruleFr}`;
    en = `${whoEn} changed this file before you (server order, change #${outcome.serverSeq ?? '?'}); your change (${enDiff}) was not applied, the record shows the server's version.${ruleEn}`;
  } else {
    fr = `Le serveur a refusé votre changement (${change.tbl}, ${change.op}) : ${outcome.reason ?? 'refusé'}.${ruleFr}`;
    en = `The server refused your change (${change.tbl}, ${change.op}): ${outcome.reason ?? 'refused'}.${ruleEn}`;
  }
  return {
    id: newConflictId(),
    kind: outcome.kind,
    table: change.tbl,
    rowId: change.row_id,
    clientId,
    mine,
    theirs: outcome.server,
    winnerAgentId: outcome.kind === 'lost_race' ? outcome.changedBy : null,
    rule,
    reason: outcome.reason,
    explanation: { fr, en },
    serverSeq: outcome.serverSeq,
    createdAt: at,
  };
}
