/**
 * The demo data generator: a call centre of twelve agents with shifts and presence, the
 * default SMS templates and result choices, the scenario clients (fixed numbers with a
 * known verdict, `scenarios.ts`) and any number of random clients, deterministic for a
 * seed. A million clients take well under a minute: one transaction, statements prepared
 * once, ordered ids, and durability relaxed for the duration (restored afterwards).
 */
import type { Database } from 'better-sqlite3';
import { isValidTimeZone, zonedParts, zonedToInstant } from '../../../shared/time/zoned';
import { RESULT_CHOICES, SMS_TEMPLATES } from './catalog';
import { DEMO_AGENTS, agentEmail, agentName, coversLocal } from './demo-agents';
import { Prng } from './prng';
import { writeRandomClients } from './random-clients';
import { writeScenarios } from './scenarios';
import { DemoWriter } from './writer';

export interface DemoOptions {
  /**
   * Clients to create in all, scenario clients included (they are always written, so a
   * smaller number still yields the scenario clients). 1 to 1,000,000.
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
  const { clients, now } = options;
  const seed = options.seed ?? 1;
  const timeZone = options.timeZone ?? DEFAULT_TIME_ZONE;
  if (!Number.isInteger(clients) || clients < 1 || clients > MAX_DEMO_CLIENTS) {
    throw new DemoError(`clients must be an integer from 1 to ${MAX_DEMO_CLIENTS}, got ${clients}`);
  }
  if (!Number.isInteger(seed)) throw new DemoError(`seed must be an integer, got ${seed}`);
  if (!(now instanceof Date) || Number.isNaN(now.getTime())) throw new DemoError('now must be a valid Date');
  if (!isValidTimeZone(timeZone)) throw new DemoError(`unknown time zone: ${timeZone}`);
  assertEmpty(db);

  const nowMs = now.getTime();
  const nowIso = now.toISOString();
  const local = zonedParts(now, timeZone);
  const monthStartMs = zonedToInstant(local.year, local.month, 1, 0, 0, timeZone).getTime();
  const minuteOfDay = local.hour * 60 + local.minute;

  const rng = new Prng(seed);
  const w = new DemoWriter(db, rng);

  const run = db.transaction(() => {
    const indexes = dropSecondaryIndexes(db);
    for (const a of DEMO_AGENTS) {
      const onShift = coversLocal(a, local.weekday, minuteOfDay);
      w.agent(a.id, agentName(a), a.role, a.extension, agentEmail(a), onShift ? a.presence : 'offline', nowIso);
      for (const s of a.shifts) {
        for (const day of s.weekdays) w.shift(a.id, day, s.from * 60, s.to * 60, nowIso);
      }
    }
    SMS_TEMPLATES.forEach((t, i) => w.template(t.name, t.body, i, nowIso));
    const hasChoices = (db.prepare('SELECT count(*) AS n FROM result_choices').get() as { n: number }).n > 0;
    if (!hasChoices) RESULT_CHOICES.forEach((c, i) => w.resultChoice(c.fr, c.en, c.status, c.opens, i, nowIso));

    const scenarioClients = writeScenarios(w, rng, nowMs, monthStartMs);
    writeRandomClients(w, rng, Math.max(0, clients - scenarioClients), {
      nowMs,
      leadAgents: DEMO_AGENTS.filter((a) => a.managesLeads).map((a) => a.id),
      analysts: DEMO_AGENTS.filter((a) => a.role === 'analyst').map((a) => a.id),
      agentFirstNames: Object.fromEntries(DEMO_AGENTS.map((a) => [a.id, a.first])),
      firstPhoneIndex: 0,
    });
    for (const sql of indexes) db.exec(sql);
  });

  withFastWrites(db, () => run());
  const c = w.counts;
  return { agents: c.agents, clients: c.clients, phones: c.phones, opportunities: c.opportunities };
}

/** Refuses a database that already has clients or any of the demo agents. */
function assertEmpty(db: Database): void {
  const clients = (db.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
  if (clients > 0) throw new DemoError(`the database already has ${clients} clients; the demo needs an empty one`);
  const ids = DEMO_AGENTS.map((a) => a.id);
  const clash = db
    .prepare(`SELECT id FROM agents WHERE id IN (${ids.map(() => '?').join(',')})`)
    .all(...ids) as { id: string }[];
  if (clash.length > 0) {
    throw new DemoError(`the database already has the demo agents ${clash.map((r) => r.id).join(', ')}`);
  }
}

/** Tables the generator fills in bulk. */
const BULK_TABLES = ['client_phones', 'client_emails', 'opportunities', 'meetings', 'activities', 'texts', 'chats', 'call_log'];

/**
 * Drops the secondary indexes of the bulk tables and returns the statements that rebuild
 * them: building an index once from the finished table (a sort) is much faster than
 * keeping it up to date row by row, above all for phone numbers and e-mails, which arrive
 * in random order. Runs inside the generator's transaction, so the schema is never left
 * without them.
 */
function dropSecondaryIndexes(db: Database): string[] {
  const rows = db
    .prepare(
      `SELECT name, sql FROM sqlite_schema WHERE type = 'index' AND sql IS NOT NULL
          AND tbl_name IN (${BULK_TABLES.map(() => '?').join(',')})`,
    )
    .all(...BULK_TABLES) as { name: string; sql: string }[];
  for (const r of rows) db.exec(`DROP INDEX "${r.name.replaceAll('"', '""')}"`);
  return rows.map((r) => r.sql);
}

/**
 * Runs `work` with durability relaxed (no fsync) and a large page cache, then puts the
 * connection's settings back. Safe for a generator: if the machine crashes mid-way, the
 * demo is simply generated again.
 */
function withFastWrites(db: Database, work: () => void): void {
  const synchronous = db.pragma('synchronous', { simple: true }) as number;
  const cacheSize = db.pragma('cache_size', { simple: true }) as number;
  const foreignKeys = db.pragma('foreign_keys', { simple: true }) as number;
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288'); // 512 MiB
  // Every reference is written by this generator, parents first (the tests run
  // foreign_key_check); checking each of ~10 million references costs more than the rest.
  db.pragma('foreign_keys = OFF');
  // CHECK constraints with IN (…) lists cost ~15 µs per opportunity row (SQLite builds an
  // ephemeral table for each list on every insert). The generator only writes values from
  // the schema's lists, and the tests run integrity_check, which verifies every CHECK.
  db.pragma('ignore_check_constraints = ON');
  try {
    work();
  } finally {
    db.pragma('ignore_check_constraints = OFF');
    db.pragma(`foreign_keys = ${foreignKeys}`);
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma(`synchronous = ${synchronous}`);
  }
}
