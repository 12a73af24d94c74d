import type { Migration } from '../migrate';
import { SYNCED_TABLES, type SyncedTable } from '../../sync/tables';

/** `json_object('id', NEW.id, …)`: the row as the outbox carries it. */
function rowJson(table: SyncedTable, alias: 'NEW' | 'OLD'): string {
  return `json_object(${table.columns.map((c) => `'${c}', ${alias}.${c}`).join(', ')})`;
}

/** Record only when a team database is configured and the change is not a pulled one. */
const RECORDING = '(SELECT enabled = 1 AND applying = 0 FROM sync_state WHERE id = 1)';

function triggers(table: SyncedTable): string {
  const t = table.name;
  // Colleagues' presence as observed over SIP stays local: only this console's agent publishes
  // its own presence (issue 9, item 4); a directory edit (name, extension) is published.
  const agentsOnly =
    t === 'agents'
      ? ' AND (NEW.id = (SELECT agent_id FROM sync_state WHERE id = 1) OR (OLD.presence IS NEW.presence AND OLD.presence_at IS NEW.presence_at))'
      : '';
  return `
CREATE TRIGGER outbox_${t}_insert AFTER INSERT ON ${t} WHEN ${RECORDING}
BEGIN
  INSERT INTO outbox (tbl, row_id, op, new) VALUES ('${t}', NEW.id, 'insert', ${rowJson(table, 'NEW')});
END;
CREATE TRIGGER outbox_${t}_update AFTER UPDATE ON ${t} WHEN ${RECORDING}${agentsOnly}
BEGIN
  INSERT INTO outbox (tbl, row_id, op, new, old) VALUES ('${t}', NEW.id, 'update', ${rowJson(table, 'NEW')}, ${rowJson(table, 'OLD')});
END;
CREATE TRIGGER outbox_${t}_delete AFTER DELETE ON ${t} WHEN ${RECORDING}
BEGIN
  INSERT INTO outbox (tbl, row_id, op, old) VALUES ('${t}', OLD.id, 'delete', ${rowJson(table, 'OLD')});
END;`;
}

/**
 * The local side of the team sync (issue 9). Every change to a shared table lands in the
 * `outbox` in the same transaction, written by triggers, so no area's code has to know about
 * sync; an update carries the old row too, so the server can compare-and-set ownership and
 * status against what the agent saw. `sync_state.applying` is raised while pulled rows are
 * written, so they do not echo back; `enabled` is raised only once a team database is
 * configured (standalone caches record nothing). `sync_conflicts` explains every change the
 * server refused or another agent won.
 */
export const sync: Migration = {
  version: 4,
  name: 'sync',
  up: `
CREATE TABLE sync_state (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  enabled INTEGER NOT NULL DEFAULT 0 CHECK (enabled IN (0,1)),
  applying INTEGER NOT NULL DEFAULT 0 CHECK (applying IN (0,1)),
  agent_id TEXT,
  cursor INTEGER NOT NULL DEFAULT 0,
  last_pull_at TEXT,
  last_push_at TEXT,
  config TEXT CHECK (config IS NULL OR json_valid(config))
) STRICT;
INSERT INTO sync_state (id) VALUES (1);

CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  key TEXT NOT NULL UNIQUE DEFAULT (lower(hex(randomblob(16)))),
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  op TEXT NOT NULL CHECK (op IN ('insert','update','delete')),
  new TEXT CHECK (new IS NULL OR json_valid(new)),
  old TEXT CHECK (old IS NULL OR json_valid(old)),
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now'))
) STRICT;
CREATE INDEX outbox_row ON outbox(tbl, row_id);

CREATE TABLE sync_conflicts (
  id TEXT PRIMARY KEY,
  outbox_key TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('lost_race','rejected')),
  tbl TEXT NOT NULL,
  row_id TEXT NOT NULL,
  client_id TEXT,
  mine TEXT CHECK (mine IS NULL OR json_valid(mine)),
  theirs TEXT CHECK (theirs IS NULL OR json_valid(theirs)),
  winner_agent_id TEXT,
  rule TEXT,
  reason TEXT,
  explanation_fr TEXT NOT NULL,
  explanation_en TEXT NOT NULL,
  server_seq INTEGER,
  created_at TEXT NOT NULL,
  seen_at TEXT
) STRICT;
CREATE INDEX sync_conflicts_created ON sync_conflicts(created_at);
${SYNCED_TABLES.map(triggers).join('\n')}
`,
};
