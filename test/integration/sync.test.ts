import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../electron/services';
import { openDatabase } from '../../electron/services/db/connection';
import { agentsRepo } from '../../electron/services/db/repos/agents';
import { memorySettingsStore } from '../../electron/services/settings/store';
import { memorySecretStore, type SecretStore } from '../../electron/services/secrets/store';
import { restartSync, stopSync, syncServiceOf } from '../../electron/services/sync/handlers';
import { uploadCache } from '../../electron/services/sync/snapshot';
import { SYNCED_TABLES } from '../../electron/services/sync/tables';
import { createAgentLogin, migrateTeamDatabase } from '../../electron/services/sync/team-migrate';
import { dispatch } from '../../shared/ipc/dispatch';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { ALWAYS, addActivity, addAgent, addClient, addOpportunity } from '../support/seed';
import { cable, startPostgres, type NetworkCable, type TestPostgres } from '../support/postgres';

const NOW = new Date('2026-03-10T18:05:00.000Z'); // 14 h 05 in Montréal
const PHONE = '+15145550101';

let server: TestPostgres;
let admin: pg.Client;
let dir: string;
let opportunityId: string;
let clientId: string;
let julieActivity: string;

function adminClient(): pg.Client {
  return new pg.Client({
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.adminUser,
    password: server.adminPassword,
    ssl: { rejectUnauthorized: false },
  });
}

/** One agent's console: services on its own SQLite file, connected through its own cable. */
interface Console {
  agent: string;
  services: Services;
  wire: NetworkCable;
  file: string;
  secrets: SecretStore;
}

async function openConsole(
  agent: string,
  file = join(dir, `${agent}-${Math.random().toString(36).slice(2)}.db`),
  wire?: NetworkCable,
  secrets: SecretStore = memorySecretStore(),
): Promise<Console> {
  const w = wire ?? (await cable(server.port));
  const services = createServices({
    databaseFile: file,
    settings: memorySettingsStore({ ...DEFAULT_SETTINGS, agentId: agent }),
    host: 'web',
    version: 't',
    now: () => NOW,
    secrets,
  });
  return { agent, services, wire: w, file, secrets };
}

async function connectConsole(c: Console): Promise<void> {
  const result = await dispatch(c.services.handlers, 'sync:configure', {
    connection: {
      host: '127.0.0.1',
      port: c.wire.port,
      database: server.database,
      user: `poste_${c.agent}`,
      tlsMode: 'require',
    },
    password: `pw-${c.agent}`,
  });
  if (!result.ok) throw new Error(result.error.message);
  expect(result.value).toMatchObject({ state: 'online', pending: 0 });
}

async function closeConsole(c: Console): Promise<void> {
  await stopSync(c.services.context);
  c.services.close();
}

async function until(check: () => boolean, ms = 2000): Promise<number> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return Date.now() - start;
}

/** Every shared table of a cache, sorted, for comparing two caches row for row. */
function dump(services: Services): Record<string, unknown[]> {
  return Object.fromEntries(
    SYNCED_TABLES.map((t) => [
      t.name,
      services.db.prepare(`SELECT ${t.columns.join(', ')} FROM ${t.name} ORDER BY id`).all(),
    ]),
  );
}

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'poste-sync-'));
  admin = adminClient();
  await admin.connect();
  await migrateTeamDatabase(admin);
  // The centre's team database, seeded from a cache as a centre that ran standalone would.
  const seed = openDatabase(':memory:');
  addAgent(seed, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  addAgent(seed, { id: 'julie', name: 'Julie Tremblay', shifts: ALWAYS });
  addAgent(seed, { id: 'sophie', name: 'Sophie Roy', role: 'da', shifts: ALWAYS });
  addAgent(seed, { id: 'luc', name: 'Luc Bélanger', presence: 'offline' });
  clientId = addClient(seed, { firstName: 'Éloïse', lastName: 'Côté', phones: [PHONE] });
  opportunityId = addOpportunity(seed, {
    clientId,
    managerId: 'luc',
    handledBy: 'luc',
    handledAt: '2026-03-02T15:00:00Z',
    createdAt: '2026-03-02T14:00:00Z',
  });
  julieActivity = addActivity(seed, {
    clientId,
    opportunityId,
    agentId: 'julie',
    kind: 'note',
    at: '2026-03-02T15:00:00Z',
    note: 'Client rappelle',
  });
  await uploadCache(seed, admin);
  seed.close();
  for (const [agent, role] of [
    ['marc', 'agent'],
    ['julie', 'agent'],
    ['sophie', 'da'],
  ] as const) {
    await createAgentLogin(admin, { login: `poste_${agent}`, password: `pw-${agent}`, agentId: agent, role });
  }
}, 60_000);

afterAll(async () => {
  await admin?.end();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('two consoles on one team database', () => {
  it('Julie leaves a follow-up on Luc’s lead → within 2 s Marc’s console transfers the caller to her (CB-1); her presence follows', async () => {
    const marc = await openConsole('marc');
    const julie = await openConsole('julie');
    await connectConsole(marc);
    await connectConsole(julie);
    expect(marc.services.db.prepare('SELECT count(*) AS n FROM clients').get()).toEqual({ n: 1 });

    // Luc (the manager) is absent, nobody followed up in 3 h, the OPP is this month's: anyone books.
    expect(marc.services.inbound.preview(PHONE, 'phone').verdict).toMatchObject({ decision: 'book_on_opportunity' });

    addActivity(julie.services.db, {
      clientId,
      opportunityId,
      agentId: 'julie',
      kind: 'follow_up',
      at: '2026-03-10T17:50:00Z',
      note: 'PDR J1 R1',
    });
    expect(julie.services.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 1 });
    const ms = await until(() => marc.services.inbound.preview(PHONE, 'phone').verdict.decision === 'transfer', 2000);
    expect(marc.services.inbound.preview(PHONE, 'phone').verdict).toMatchObject({
      decision: 'transfer',
      transferTo: 'julie',
      rules: ['CB-1'],
    });
    expect(ms).toBeLessThan(2000);

    // Julie takes a call: her softphone publishes on_call through the team database, and
    // Marc's console, without SIP presence, no longer hands the caller to her (CB-3).
    agentsRepo(julie.services.db).setPresence('julie', 'on_call', NOW.toISOString());
    await until(
      () =>
        (marc.services.db.prepare("SELECT presence FROM agents WHERE id = 'julie'").get() as { presence: string })
          .presence === 'on_call',
      2000,
    );
    expect(marc.services.inbound.preview(PHONE, 'phone').verdict.rules[0]).toBe('CB-3');
    // Marc's console observing Julie over SIP stays local: nothing is pushed for a colleague's row.
    agentsRepo(marc.services.db).setPresence('julie', 'break', NOW.toISOString());
    expect(marc.services.db.prepare('SELECT count(*) AS n FROM outbox').get()).toEqual({ n: 0 });
    agentsRepo(marc.services.db).setPresence('julie', 'on_call', NOW.toISOString());

    await closeConsole(marc);
    await closeConsole(julie);
  });

  it('Marc offline and Julie both claim the client → on reconnect the server’s order gives it to Julie, Marc reads why, both caches converge', async () => {
    const marc = await openConsole('marc');
    const julie = await openConsole('julie');
    await connectConsole(marc);
    await connectConsole(julie);

    marc.wire.setOnline(false);
    marc.services.db
      .prepare("UPDATE opportunities SET manager_id = 'marc', status = 'contacted', updated_at = ? WHERE id = ?")
      .run('2026-03-10T18:01:00.000Z', opportunityId);
    addActivity(marc.services.db, {
      clientId,
      opportunityId,
      agentId: 'marc',
      kind: 'call',
      at: '2026-03-10T18:01:00Z',
      note: 'Appel',
    });
    await until(() => syncServiceOf(marc.services.context).status().state === 'offline', 3000);
    expect(syncServiceOf(marc.services.context).status()).toMatchObject({ state: 'offline', pending: 2 });
    // Offline, the console keeps working on its cache.
    expect(marc.services.inbound.preview(PHONE, 'phone').verdict.owner).toBe('marc');

    julie.services.db
      .prepare("UPDATE opportunities SET manager_id = 'julie', status = 'response_sent', updated_at = ? WHERE id = ?")
      .run('2026-03-10T18:02:00.000Z', opportunityId);
    addActivity(julie.services.db, {
      clientId,
      opportunityId,
      agentId: 'julie',
      kind: 'sms',
      at: '2026-03-10T18:02:00Z',
      note: 'Texto',
      data: { rule: 'PU-2' },
    });
    await until(() => syncServiceOf(julie.services.context).status().pending === 0);

    marc.wire.setOnline(true);
    await until(
      () =>
        syncServiceOf(marc.services.context).status().state === 'online' &&
        syncServiceOf(marc.services.context).status().pending === 0,
      15_000,
    );
    const status = syncServiceOf(marc.services.context).status();
    expect(status.conflicts).toHaveLength(1);
    const conflict = status.conflicts[0]!;
    expect(conflict).toMatchObject({
      kind: 'lost_race',
      table: 'opportunities',
      rowId: opportunityId,
      clientId,
      winnerAgentId: 'julie',
      rule: 'PU-2',
    });
    expect(conflict.explanation.fr).toContain('Julie Tremblay');
    expect(conflict.explanation.fr).toContain('PU-2');
    expect(conflict.explanation.en).toContain('status in_progress → contacted (server: response_sent)');
    expect(
      marc.services.db.prepare('SELECT manager_id, status FROM opportunities WHERE id = ?').get(opportunityId),
    ).toEqual({ manager_id: 'julie', status: 'response_sent' });

    // Marc's call stays in the history (append-only, never conflicts); both caches hold the same rows.
    await dispatch(julie.services.handlers, 'sync:now', {});
    await dispatch(marc.services.handlers, 'sync:now', {});
    const a = dump(marc.services);
    const b = dump(julie.services);
    for (const t of SYNCED_TABLES) expect(a[t.name], t.name).toEqual(b[t.name]);
    expect((a.activities as { note: string }[]).map((r) => r.note)).toContain('Appel');

    await closeConsole(marc);
    await closeConsole(julie);
  });

  it('the cable is pulled while a pull waits on the server → the cycle fails quietly, the console works offline, nothing escapes to crash the host', async () => {
    const marc = await openConsole('marc');
    await connectConsole(marc);
    // Hold Marc's next pull on the server: its first query reads tombstones.
    const locker = adminClient();
    await locker.connect();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE tombstones IN ACCESS EXCLUSIVE MODE');
    try {
      const service = syncServiceOf(marc.services.context);
      const cycle = service.syncNow();
      const start = Date.now();
      for (;;) {
        const waiting = await admin.query<{ n: number }>(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename = 'poste_marc' AND wait_event_type = 'Lock'",
        );
        if (waiting.rows[0]!.n > 0) break;
        if (Date.now() - start > 5000) throw new Error('Marc’s pull never reached the lock');
        await new Promise((r) => setTimeout(r, 20));
      }
      // The pooled connection is checked out, mid-query: pg fails the query and also emits
      // 'error' on the connection, which must be heard (or the host dies of it).
      marc.wire.setOnline(false);
      await cycle;
      expect(service.status().state).toBe('offline');
      expect(marc.services.inbound.preview(PHONE, 'phone').verdict.rules.length).toBeGreaterThan(0);
    } finally {
      await locker.query('ROLLBACK');
      await locker.end();
    }
    marc.wire.setOnline(true);
    await dispatch(marc.services.handlers, 'sync:now', {});
    expect(syncServiceOf(marc.services.context).status()).toMatchObject({ state: 'online', pending: 0 });
    await closeConsole(marc);
  });

  it('Marc’s console dies after the server committed part of its outbox → restarted, every change lands exactly once', async () => {
    const file = join(dir, 'marc-crash.db');
    const secrets = memorySecretStore();
    const first = await openConsole('marc', file, undefined, secrets);
    await connectConsole(first);
    const ids = Array.from({ length: 7 }, (_, i) =>
      addActivity(first.services.db, {
        clientId,
        opportunityId,
        agentId: 'marc',
        kind: 'call',
        at: `2026-03-10T18:0${i}:30Z`,
        note: `Appel ${i}`,
      }),
    );
    const keys = (first.services.db.prepare('SELECT key FROM outbox ORDER BY seq').all() as { key: string }[]).map(
      (k) => k.key,
    );
    expect(keys).toHaveLength(7);
    let crashed = false;
    const crashing = await restartSync(first.services.context, {
      batchSize: 3,
      pushEveryMs: 60_000,
      afterPushCommit: () => {
        crashed = true;
        throw new Error('killed');
      },
    });
    await crashing.syncNow();
    expect(crashed).toBe(true);
    expect(crashing.status().pending).toBe(7);
    const committed = await admin.query('SELECT id, seq FROM activities WHERE id = ANY($1) ORDER BY id', [ids]);
    expect(committed.rowCount).toBe(3);
    await closeConsole(first);

    const again = await openConsole('marc', file, first.wire, secrets);
    await dispatch(again.services.handlers, 'sync:now', {});
    expect(syncServiceOf(again.services.context).status()).toMatchObject({ state: 'online', pending: 0 });
    const rows = await admin.query('SELECT id, seq FROM activities WHERE id = ANY($1) ORDER BY id', [ids]);
    expect(rows.rowCount).toBe(7);
    // The three the server had were not applied again (their change sequence did not move).
    for (const row of committed.rows) expect(rows.rows).toContainEqual(row);
    const applied = await admin.query(
      'SELECT key, count(*)::int AS n FROM applied_keys WHERE key = ANY($1) GROUP BY key',
      [keys],
    );
    expect(applied.rows).toHaveLength(7);
    expect(applied.rows.every((r: { n: number }) => r.n === 1)).toBe(true);
    await closeConsole(again);
  });
});

describe('row-level security on the team database', () => {
  async function as(agent: string): Promise<pg.Client> {
    const c = new pg.Client({
      host: server.host,
      port: server.port,
      database: server.database,
      user: `poste_${agent}`,
      password: `pw-${agent}`,
      ssl: { rejectUnauthorized: false },
    });
    await c.connect();
    return c;
  }

  it('Marc cannot rewrite Julie’s activity, nor invalidate or hand an OPP to someone else; Sophie (DA) can', async () => {
    const marc = await as('marc');
    const sophie = await as('sophie');
    const tls = await marc.query('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    expect(tls.rows[0]).toEqual({ ssl: true });

    const rewrite = await marc.query("UPDATE activities SET note = 'effacé' WHERE id = $1", [julieActivity]);
    expect(rewrite.rowCount).toBe(0);
    await expect(marc.query('DELETE FROM activities WHERE id = $1', [julieActivity])).rejects.toThrow(
      /permission denied/,
    );
    await expect(
      marc.query(
        "INSERT INTO activities (id, client_id, agent_id, kind, at, created_at, updated_at) VALUES ('forged', $1, 'julie', 'note', 'x', 'x', 'x')",
        [clientId],
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await admin.query('SELECT note FROM activities WHERE id = $1', [julieActivity])).rows[0]).toEqual({
      note: 'Client rappelle',
    });

    await expect(
      marc.query("UPDATE opportunities SET status = 'invalid_bdc' WHERE id = $1", [opportunityId]),
    ).rejects.toThrow(/only a DA/);
    await expect(
      marc.query("UPDATE opportunities SET manager_id = 'luc' WHERE id = $1", [opportunityId]),
    ).rejects.toThrow(/only a DA/);
    expect(
      (await sophie.query("UPDATE opportunities SET manager_id = 'luc' WHERE id = $1", [opportunityId])).rowCount,
    ).toBe(1);

    // EL-2: the agent who took the client's call as a Phone-Up invalidates the e-mail lead
    // another agent manages; without the Phone-Up, or on another kind of lead, still the DA's.
    const at = '2026-03-10T14:00:00Z';
    await admin.query(
      `INSERT INTO clients (id, first_name, last_name, created_at, updated_at) VALUES ('el2-client', 'Noémie', 'Caron', $1, $1);
       INSERT INTO opportunities (id, client_id, type, department, status, manager_id, created_at, updated_at) VALUES
         ('el2-mail', 'el2-client', 'email', 'bdc', 'in_progress', 'luc', $1, $1),
         ('el2-fin', 'el2-client', 'financing', 'bdc', 'in_progress', 'luc', $1, $1)`.replace(/\$1/g, `'${at}'`),
    );
    await expect(marc.query("UPDATE opportunities SET status = 'invalid_bdc' WHERE id = 'el2-mail'")).rejects.toThrow(/only a DA/);
    await marc.query(
      "INSERT INTO opportunities (id, client_id, type, department, status, manager_id, created_at, updated_at) VALUES ('el2-phone', 'el2-client', 'phone_up', 'bdc', 'in_progress', 'marc', $1, $1)",
      [at],
    );
    expect((await marc.query("UPDATE opportunities SET status = 'invalid_bdc' WHERE id = 'el2-mail'")).rowCount).toBe(1);
    await expect(marc.query("UPDATE opportunities SET status = 'invalid_bdc' WHERE id = 'el2-fin'")).rejects.toThrow(/only a DA/);
    expect((await admin.query("SELECT id, status FROM opportunities WHERE client_id = 'el2-client' ORDER BY id")).rows).toEqual([
      { id: 'el2-fin', status: 'in_progress' },
      { id: 'el2-mail', status: 'invalid_bdc' },
      { id: 'el2-phone', status: 'in_progress' },
    ]);
    await marc.end();
    await sophie.end();
  });

  it('a console that rewrites a colleague’s activity locally is corrected from the server and told why', async () => {
    const marc = await openConsole('marc');
    await connectConsole(marc);
    marc.services.db.prepare("UPDATE activities SET note = 'effacé' WHERE id = ?").run(julieActivity);
    await dispatch(marc.services.handlers, 'sync:now', {});
    const status = syncServiceOf(marc.services.context).status();
    expect(status.conflicts[0]).toMatchObject({ kind: 'rejected', table: 'activities', rowId: julieActivity });
    expect(marc.services.db.prepare('SELECT note FROM activities WHERE id = ?').get(julieActivity)).toEqual({
      note: 'Client rappelle',
    });
    await closeConsole(marc);
  });
});
