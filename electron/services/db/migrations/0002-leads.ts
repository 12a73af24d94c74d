import type { Migration } from '../migrate';

/**
 * The SQL expression that ranks a tag for the queue (Q-1: Platine, Or, Argent, Bronze). The
 * queue indexes are built on this exact text and the queue's queries repeat it, so SQLite
 * reads the head straight from the index (checked with EXPLAIN QUERY PLAN in the tests).
 */
export const TAG_RANK_SQL = "(CASE tag WHEN 'platine' THEN 0 WHEN 'or' THEN 1 WHEN 'argent' THEN 2 ELSE 3 END)";

/** what the queue holds — open BDC OPPs nobody has treated yet. */
export const QUEUE_WHERE_SQL = "department = 'bdc' AND status = 'in_progress' AND handled_by IS NULL";

/**
 * Leads in and the day's work (issue 6): the queue's indexes, the ST-1 sweep's index, the
 * follow-up counters' index, the watched folders, the import batches and the log of leads
 * taken out of order (Q-1's reasons).
 */
export const leads: Migration = {
  version: 2,
  name: 'leads',
  up: `
-- Q-1: the head of one agent's queue (theirs or unassigned) and of the whole queue.
CREATE INDEX opportunities_queue_manager ON opportunities(manager_id, ${TAG_RANK_SQL}, created_at)
  WHERE ${QUEUE_WHERE_SQL};
CREATE INDEX opportunities_queue ON opportunities(${TAG_RANK_SQL}, created_at)
  WHERE ${QUEUE_WHERE_SQL};
-- ST-1: the hourly expiry sweep reads OPPs by status and age.
CREATE INDEX opportunities_status_created ON opportunities(status, created_at);
-- FU-1: the day's follow-ups, by manager.
CREATE INDEX opportunities_manager ON opportunities(manager_id, status);
-- FU-1: one agent's open files in queue order, read without sorting them all.
CREATE INDEX opportunities_followups ON opportunities(manager_id, ${TAG_RANK_SQL}, created_at)
  WHERE department = 'bdc' AND status IN ('in_progress','response_sent','contacted');
-- The console's client count skips merged records without reading every client.
CREATE INDEX clients_merged ON clients(merged_into) WHERE merged_into IS NOT NULL;
-- MT-4: calls scheduled for an agent (kept in the result's data), found without a scan.
CREATE INDEX activities_scheduled_call ON activities(json_extract(data, '$.scheduledCall.agentId'))
  WHERE kind = 'result';
-- FU-2: an OPP's follow-ups by day (day and round counters).
CREATE INDEX activities_opportunity ON activities(opportunity_id, kind, at);
-- Merges re-point every row of a client: these tables had no client index yet.
CREATE INDEX da_tasks_client ON da_tasks(client_id);

-- Folders the services watch for ADF/XML and .eml files (done/ and failed/ inside them).
CREATE TABLE lead_watch_folders (
  id TEXT PRIMARY KEY,
  path TEXT NOT NULL UNIQUE,
  enabled INTEGER NOT NULL DEFAULT 1 CHECK (enabled IN (0,1)),
  last_scan_at TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;

-- One row per imported file, whatever the outcome: what came in, what it made, what was wrong.
CREATE TABLE lead_import_batches (
  id TEXT PRIMARY KEY,
  source TEXT NOT NULL CHECK (source IN ('adf','eml','csv')),
  via TEXT NOT NULL CHECK (via IN ('picker','folder','api')),
  file_name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('imported','failed')),
  leads INTEGER NOT NULL DEFAULT 0,
  created_clients INTEGER NOT NULL DEFAULT 0,
  joined_clients INTEGER NOT NULL DEFAULT 0,
  duplicates INTEGER NOT NULL DEFAULT 0,
  errors TEXT CHECK (errors IS NULL OR json_valid(errors)),
  agent_id TEXT REFERENCES agents(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
) STRICT;
CREATE INDEX lead_import_batches_created ON lead_import_batches(created_at);

-- Q-1: every lead handed out, and the reason when it was not the head (no cherry-picking).
CREATE TABLE lead_treatments (
  id TEXT PRIMARY KEY,
  opportunity_id TEXT NOT NULL REFERENCES opportunities(id),
  agent_id TEXT NOT NULL REFERENCES agents(id),
  kind TEXT NOT NULL CHECK (kind IN ('next','out_of_order')),
  head_opportunity_id TEXT REFERENCES opportunities(id),
  reason TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  CHECK (kind = 'next' OR length(reason) >= 3)
) STRICT;
CREATE INDEX lead_treatments_opportunity ON lead_treatments(opportunity_id);
CREATE INDEX lead_treatments_agent ON lead_treatments(agent_id, created_at);
`,
};
