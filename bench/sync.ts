/**
 * The team sync's figures (issue 9): a first sync pull of N demo clients into an empty cache,
 * and the change-to-colleague latency (an activity written on one console until it is in the
 * other's cache). Starts its own PostgreSQL on loopback (test/support/postgres.ts).
 * `npx tsx bench/sync.ts [clients]` prints them; `measureSync` returns them for bench/run.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { createServices } from '../electron/services';
import { openDatabase } from '../electron/services/db/connection';
import { generateDemo } from '../electron/services/demo/generate';
import { memorySettingsStore } from '../electron/services/settings/store';
import { silentLogger, streamLogger } from '../electron/services/log/logger';
import { stopSync } from '../electron/services/sync/handlers';
import { uploadCache } from '../electron/services/sync/snapshot';
import { createAgentLogin, migrateTeamDatabase } from '../electron/services/sync/team-migrate';
import { dispatch } from '../shared/ipc/dispatch';
import { DEFAULT_SETTINGS } from '../shared/domain/settings';
import { startPostgres } from '../test/support/postgres';
import { percentile } from './measure';

export interface SyncFigures {
  clients: number;
  /** Rows the first sync pulled (every shared table). */
  rows: number;
  /** Seconds for the first sync of an empty cache (budget: 60 s for 100,000 clients). */
  firstSyncS: number;
  /** Change-to-colleague latency in ms, over `samples` changes. */
  latencyMs: { p50: number; p95: number; max: number };
  samples: number;
}

const NOW = new Date('2026-11-23T15:00:00.000Z');

export async function measureSync(options: { clients?: number; samples?: number } = {}): Promise<SyncFigures> {
  const clients = options.clients ?? 100_000;
  const samples = options.samples ?? 50;
  const server = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'poste-bench-sync-'));
  const admin = new pg.Client({
    host: server.host,
    port: server.port,
    database: server.database,
    user: server.adminUser,
    password: server.adminPassword,
    ssl: { rejectUnauthorized: false },
  });
  const consoles: ReturnType<typeof createServices>[] = [];
  const mark = (s: string) => process.env.BENCH_TRACE && process.stderr.write(`${Math.round(performance.now())} ${s}\n`);
  try {
    await admin.connect();
    await migrateTeamDatabase(admin);
    const source = openDatabase(join(dir, 'source.db'));
    mark('generate');
    generateDemo(source, { clients, now: NOW });
    mark('upload');
    await uploadCache(source, admin);
    source.close();
    await admin.query('VACUUM ANALYZE');
    for (const agent of ['marc', 'julie'])
      await createAgentLogin(admin, {
        login: `poste_${agent}`,
        password: `pw-${agent}`,
        agentId: agent,
        role: 'agent',
      });

    const open = (agent: string) => {
      const services = createServices({
        databaseFile: join(dir, `${agent}.db`),
        settings: memorySettingsStore({ ...DEFAULT_SETTINGS, agentId: agent }),
        host: 'web',
        version: 'bench',
        now: () => NOW,
        logger: process.env.BENCH_TRACE ? streamLogger((line) => process.stderr.write(line)) : silentLogger,
      });
      consoles.push(services);
      return services;
    };
    const configure = async (services: ReturnType<typeof createServices>, agent: string) => {
      const result = await dispatch(services.handlers, 'sync:configure', {
        connection: {
          host: server.host,
          port: server.port,
          database: server.database,
          user: `poste_${agent}`,
          tlsMode: 'require',
        },
        password: `pw-${agent}`,
      });
      if (!result.ok || (result.value as { state: string }).state !== 'online')
        throw new Error(`sync:configure failed: ${JSON.stringify(result)}`);
    };

    mark('first sync');
    const marc = open('marc');
    const started = performance.now();
    await configure(marc, 'marc');
    const firstSyncS = (performance.now() - started) / 1000;
    const rows = (
      marc.db
        .prepare(
          'SELECT (SELECT count(*) FROM clients) + (SELECT count(*) FROM opportunities) + (SELECT count(*) FROM activities) AS n',
        )
        .get() as { n: number }
    ).n;

    mark('second console');
    const julie = open('julie');
    await configure(julie, 'julie');
    mark('latency');
    const clientId = (marc.db.prepare('SELECT id FROM clients LIMIT 1').get() as { id: string }).id;
    const has = julie.db.prepare('SELECT 1 FROM activities WHERE id = ?');
    const insert = marc.db.prepare(
      `INSERT INTO activities (id, client_id, agent_id, kind, at, note, created_at, updated_at) VALUES (?, ?, 'marc', 'note', ?, 'bench', ?, ?)`,
    );
    const times: number[] = [];
    for (let i = 0; i < samples; i++) {
      const id = `bench-${i}`;
      const at = new Date().toISOString();
      const t0 = performance.now();
      insert.run(id, clientId, at, at, at);
      while (!has.get(id)) {
        if (performance.now() - t0 > 10_000) throw new Error('a change did not reach the colleague within 10 s');
        await new Promise((r) => setTimeout(r, 2));
      }
      times.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    times.sort((a, b) => a - b);
    return {
      clients,
      rows,
      firstSyncS: Math.round(firstSyncS * 10) / 10,
      latencyMs: {
        p50: Math.round(percentile(times, 50)),
        p95: Math.round(percentile(times, 95)),
        max: Math.round(times[times.length - 1] ?? 0),
      },
      samples,
    };
  } finally {
    mark('teardown');
    for (const services of consoles) {
      await stopSync(services.context);
      services.close();
    }
    await admin.end().catch(() => undefined);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
    mark('stopped');
  }
}

if (process.argv[1] && /bench[\\/]sync\.ts$/.test(process.argv[1])) {
  const clients = Number(process.argv[2] ?? 100_000);
  const figures = await measureSync({ clients });
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}
