/**
 * The demo data generator: a call centre of twelve agents with shifts and presence, the
 * default SMS templates and result choices, the scenario clients (fixed numbers with a
 * known verdict, `scenarios.ts`) and any number of random clients, deterministic for a
 * seed and `now`.
 *
 * Speed (a million clients): one transaction, statements prepared once, ids that arrive in
 * increasing order, the random-order indexes built once at the end, FTS merges deferred,
 * durability relaxed for the duration and restored afterwards. `parallel.ts` splits the
 * same work over two processes.
 */
import type { Database } from 'better-sqlite3';
import { isValidTimeZone, zonedParts } from '../../../shared/time/zoned';
import { DEMO_BRANCHES, RESULT_CHOICES, SMS_TEMPLATES } from './catalog';
import { DEMO_AGENTS, agentEmail, agentName, coversLocal } from './demo-agents';
import { Prng } from './prng';
import { writeRandomClients } from './random-clients';
import { monthStart, writeScenarios } from './scenarios';
import type { DemoTable, RowCounts } from './writer';
import { DEMO_TABLES, DemoWriter } from './writer';

export {
  DEMO_CHANNEL_SCENARIOS,
  DEMO_EL2_EMAIL,
  DEMO_SCENARIOS,
  DEMO_UNKNOWN_NUMBER,
  demoScenariosAt,
} from './scenarios';
export type { DemoChannelScenario, DemoScenario } from './scenarios';
export { DEMO_DEFAULT_AGENT } from './demo-agents';

export interface DemoOptions {
  /**
   * Clients to create in all, scenario clients included (these are always written, so a
   * number below their count still yields them). 1 to 1,000,000.
   */
  clients: number;
  /** PRNG seed; the same seed and `now` give the same rows. Default 1. */
  seed?: number;
  /** The instant the demo is built around (shifts, presence, recent follow-ups and texts). */
  now: Date;
  /** The centre's time zone for shifts and calendar months. Default America/Toronto. */
  timeZone?: string;
}

export interface DemoSummary {
  agents: number;
  clients: number;
  phones: number;
  opportunities: number;
}

export const MAX_DEMO_CLIENTS = 1_000_000;
export const DEFAULT_DEMO_SEED = 1;
const DEFAULT_TIME_ZONE = 'America/Toronto';

/** Thrown when the options or the target database do not allow a demo. */
export class DemoError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DemoError';
  }
}

/**
 * Fills an empty cache (migrated schema, no clients, none of the demo agents) with demo
 * data. Everything is written in one transaction: on error nothing is left behind.
 */
export function generateDemo(db: Database, options: DemoOptions): DemoSummary {
  const opts = checkOptions(options);
  assertEmpty(db);
  let counts: RowCounts | undefined;
  withFastWrites(db, () => {
    db.transaction(() => {
      const bulk = prepareBulkLoad(db, new Set(DEMO_TABLES));
      counts = writeDemoRows(db, opts, new Set(DEMO_TABLES));
      bulk.finish();
    })();
  });
  return summary(counts as RowCounts);
}

/** Options with their defaults, validated. */
export interface CheckedOptions {
  clients: number;
  seed: number;
  now: Date;
  timeZone: string;
}

export function checkOptions(options: DemoOptions): CheckedOptions {
  const { clients, now } = options;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!Number.isInteger(clients) || clients < 1 || clients > MAX_DEMO_CLIENTS) {
    throw new DemoError(`clients must be an integer from 1 to ${MAX_DEMO_CLIENTS}, got ${clients}`);
  }
  if (!Number.isSafeInteger(seed)) throw new DemoError(`seed must be an integer, got ${seed}`);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new DemoError('now must be a valid Date');
  if (!isValidTimeZone(timeZone)) throw new DemoError(`unknown time zone: ${timeZone}`);
  return { clients, seed, now, timeZone };
}

export function summary(c: RowCounts): DemoSummary {
  return { agents: c.agents, clients: c.clients, phones: c.phones, opportunities: c.opportunities };
}

/**
 * Generates the whole demo but inserts only into `tables` (the caller holds the
 * transaction). Every table's ids are drawn whether written or not, so two calls with
 * complementary tables build the two halves of the same database.
 */
export function writeDemoRows(db: Database, opts: CheckedOptions, tables: ReadonlySet<DemoTable>): RowCounts {
  const { now, timeZone } = opts;
  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const local = zonedParts(now, timeZone);
  const monthStartMs = monthStart(now, timeZone);
  const minuteOfDay = local.hour * 60 + local.minute;

  const rng = new Prng(opts.seed);
  // Result choices are configuration: an existing list is kept (the ids are still drawn).
  const keepChoices =
    tables.has('result_choices') &&
    (db.prepare('SELECT count(*) AS n FROM result_choices').get() as { n: number }).n > 0;
  const w = new DemoWriter(db, rng, keepChoices ? new Set([...tables].filter((t) => t !== 'result_choices')) : tables);

  for (const a of DEMO_AGENTS) {
    const onShift = coversLocal(a, local.weekday, minuteOfDay);
    w.agent(a.id, agentName(a), a.role, a.extension, agentEmail(a), onShift ? a.presence : 'offline', nowIso);
    for (const s of a.shifts) {
      for (const day of s.weekdays) w.shift(a.id, day, s.from * 60, s.to * 60, nowIso);
    }
  }
  SMS_TEMPLATES.forEach((t, i) => w.template(t.name, t.body, i, nowIso));
  RESULT_CHOICES.forEach((c, i) => w.resultChoice(c.fr, c.en, c.status, c.opens, i, nowIso));
  DEMO_BRANCHES.forEach((b, i) => w.branch(b.name, b.salesReps, b.virtualSalesGroup, i, nowIso));

  const scenarioClients = writeScenarios(w, rng, nowMs, monthStartMs);
  writeRandomClients(w, rng, Math.max(0, opts.clients - scenarioClients), {
    nowMs,
    leadAgents: DEMO_AGENTS.filter((a) => a.managesLeads).map((a) => a.id),
    analysts: DEMO_AGENTS.filter((a) => a.role === 'analyst').map((a) => a.id),
    agentFirstNames: Object.fromEntries(DEMO_AGENTS.map((a) => [a.id, a.first])),
    firstPhoneIndex: 0,
  });
  return w.counts;
}

/**
 * Refuses a database that already has clients or any of the demo agents, or that is
 * connected to a team database (demo rows must never reach colleagues).
 */
export function assertEmpty(db: Database): void {
  const hasSync =
    db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sync_state'").get() !== undefined;
  if (hasSync && db.prepare('SELECT 1 FROM sync_state WHERE enabled = 1').get() !== undefined) {
    throw new DemoError('this cache is connected to a team database; the demo only goes into a standalone cache');
  }
  const clients = (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  if (clients > 0) throw new DemoError(`the database already has ${clients} clients; the demo needs an empty one`);
  const ids = DEMO_AGENTS.map((a) => a.id);
  const clash = db.prepare(`SELECT id FROM agents WHERE id IN (${ids.map(() => '?').join(',')})`).all(...ids) as {
    id: string;
  }[];
  if (clash.length > 0) {
    throw new DemoError(`the database already has the demo agents ${clash.map((r) => r.id).join(', ')}`);
  }
}

/**
 * Secondary indexes kept up to date during the load: their keys (client, then OPP) arrive
 * in increasing order, so SQLite appends to them. Every other index of a written table
 * (phone numbers, e-mails, statuses, managers, the queue…) gets its keys in random order;
 * building it once from the finished table (a sort) is much cheaper than row by row.
 */
const APPEND_ORDER_INDEXES = new Set([
  'client_phones_client',
  'client_emails_client',
  'opportunities_client',
  'meetings_client',
  'meetings_opportunity',
  'activities_client',
  'activities_opportunity',
  'texts_client',
  'chats_client',
  'call_log_client',
]);

/**
 * Gets the open transaction ready for a bulk load: drops the random-order indexes of the
 * `written` tables and the triggers of the `quiet` tables (the team-sync outbox triggers:
 * demo rows are local, and a table with triggers cannot take SQLite's fast copy), and
 * defers FTS merges. `rebuild()` puts back what belongs to the `written` tables (their
 * indexes, built from the finished tables, their triggers, the FTS merge) and may run while
 * another process still writes the other tables; `finish()` puts back whatever is left,
 * from the schema's own text. All of it runs inside the caller's transaction: no other
 * connection ever sees the schema without them.
 */
export function prepareBulkLoad(
  db: Database,
  written: ReadonlySet<DemoTable>,
  quiet: ReadonlySet<DemoTable> = written,
): { rebuild(): void; finish(): void } {
  const schema = db
    .prepare(
      "SELECT type, name, tbl_name AS tbl, sql FROM sqlite_schema WHERE type IN ('index', 'trigger') AND sql IS NOT NULL",
    )
    .all() as { type: 'index' | 'trigger'; name: string; tbl: string; sql: string }[];
  const dropped = schema.filter((o) =>
    o.type === 'index'
      ? written.has(o.tbl as DemoTable) && !APPEND_ORDER_INDEXES.has(o.name)
      : quiet.has(o.tbl as DemoTable),
  );
  for (const o of dropped)
    db.exec(`DROP ${o.type === 'index' ? 'INDEX' : 'TRIGGER'} "${o.name.replaceAll('"', '""')}"`);
  let search = written.has('client_search') ? deferSearchMerges(db) : null;
  let pending = dropped;
  const restore = (which: (o: (typeof dropped)[number]) => boolean) => {
    for (const o of pending) if (which(o)) db.exec(o.sql);
    pending = pending.filter((o) => !which(o));
  };
  return {
    rebuild() {
      restore((o) => written.has(o.tbl as DemoTable));
      search?.finish();
      search = null;
    },
    finish() {
      restore(() => true);
      search?.finish();
      search = null;
    },
  };
}

/**
 * FTS5 merges its index segments a little on every insert (automerge 4, crisismerge 16).
 * Turning that off for the load and merging once at the end ('optimize') roughly halves
 * the cost of the search rows. The table's settings are put back afterwards.
 */
function deferSearchMerges(db: Database): { finish(): void } {
  const config = db.prepare("SELECT k, v FROM client_search_config WHERE k IN ('automerge', 'crisismerge')").all() as {
    k: string;
    v: number;
  }[];
  const before = new Map(config.map((r) => [r.k, Number(r.v)]));
  const set = (key: string, value: number) =>
    db.exec(`INSERT INTO client_search(client_search, rank) VALUES ('${key}', ${Math.trunc(value)})`);
  set('automerge', 0);
  set('crisismerge', 64);
  return {
    finish() {
      db.exec("INSERT INTO client_search(client_search) VALUES ('optimize')");
      set('automerge', before.get('automerge') ?? 4);
      set('crisismerge', before.get('crisismerge') ?? 16);
    },
  };
}

/**
 * Runs `work` (outside any transaction) with durability relaxed and checks deferred, then
 * puts the connection's settings back. Safe for a generator: if the machine crashes
 * mid-way, the demo is generated again.
 */
export function withFastWrites<T>(db: Database, work: () => T): T {
  const restore = relaxWrites(db);
  try {
    return work();
  } finally {
    restore();
  }
}

/** Relaxes the connection's settings for a bulk load; returns the function that restores them. */
export function relaxWrites(db: Database): () => void {
  const journal = String(db.pragma('main.journal_mode', { simple: true }));
  const synchronous = db.pragma('main.synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('main.cache_size', { simple: true }) as number;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  // WAL writes every page twice (log, then checkpoint); a rollback journal in memory writes
  // them once. If another connection holds the database in WAL, the pragma answers 'wal'
  // and nothing changes.
  if (journal === 'wal') db.pragma('main.journal_mode = MEMORY');
  db.pragma('main.synchronous = OFF');
  db.pragma('main.cache_size = -524288'); // 512 MiB
  // Every reference is written by this generator, parents first; checking ~10 million of
  // them costs more than writing them. The tests run foreign_key_check.
  db.pragma('foreign_keys = OFF');
  // CHECK constraints with IN (…) lists cost ~15 µs per opportunity row (SQLite builds an
  // ephemeral table per list on every insert). The generator only writes values from the
  // schema's lists, and the tests run integrity_check, which verifies every CHECK.
  db.pragma('ignore_check_constraints = ON');
  return () => {
    db.pragma('ignore_check_constraints = OFF');
    db.pragma(`foreign_keys = ${foreignKeys}`);
    db.pragma(`main.cache_size = ${cacheSize}`);
    db.pragma(`main.synchronous = ${synchronous}`);
    if (journal === 'wal') db.pragma('main.journal_mode = WAL');
  };
}
