/** `npm run team`: the owner's set-up of the team database, against a real PostgreSQL. */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTeamArgs, runTeamCommand, UsageError } from '../../electron/cli/team';
import { openDatabase } from '../../electron/services/db/connection';
import { generateDemo } from '../../electron/services/demo/generate';
import { startPostgres, type TestPostgres } from '../support/postgres';

let server: TestPostgres;
let dir: string;
const owner = () =>
  new pg.Client({ host: server.host, port: server.port, database: server.database, user: server.adminUser, password: server.adminPassword, ssl: { rejectUnauthorized: false } });
const io = (env: NodeJS.ProcessEnv = {}, stdin = '') => ({ env, readStdin: () => stdin });

async function ask<T extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
  const c = owner();
  await c.connect();
  try {
    return (await c.query<T>(sql, params)).rows;
  } finally {
    await c.end();
  }
}

beforeAll(async () => {
  server = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'poste-team-cli-'));
}, 60_000);

afterAll(async () => {
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('npm run team', () => {
  it('refuses bad arguments with the reason', () => {
    expect(() => parseTeamArgs([])).toThrow(UsageError);
    expect(() => parseTeamArgs(['drop'])).toThrow(/unknown command drop/);
    expect(() => parseTeamArgs(['migrate', '--force', 'x'])).toThrow(/takes no option/);
    expect(() => parseTeamArgs(['login', '--login', 'Marc!', '--agent', 'marc'])).toThrow(/--login is lower-case/);
    expect(() => parseTeamArgs(['login', '--login', 'poste_marc', '--agent', 'marc', '--role', 'boss'])).toThrow(/--role is one of/);
    expect(() => parseTeamArgs(['login', '--login', 'poste_marc'])).toThrow(/--agent/);
    expect(() => parseTeamArgs(['upload', '--data'])).toThrow(/needs a value/);
    expect(parseTeamArgs(['login', '--login', 'poste_marc', '--agent', 'marc'])).toEqual({ kind: 'login', login: 'poste_marc', agentId: 'marc', role: 'agent' });
  });

  it('migrates once, then says it is up to date', async () => {
    expect(await runTeamCommand({ kind: 'migrate' }, io(), owner)).toMatch(/^team database migrated from version 0 to \d+$/);
    expect(await runTeamCommand({ kind: 'migrate' }, io(), owner)).toMatch(/^team database already at version \d+$/);
    const versions = await ask<{ version: number }>('SELECT version FROM team_schema ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(versions.map((_, i) => i + 1));
  });

  it('publishes a standalone cache, then gives an agent a login that connects over TLS', async () => {
    const data = join(dir, 'console');
    mkdirSync(data);
    const cache = openDatabase(join(data, 'poste.sqlite'));
    generateDemo(cache, { clients: 40, now: new Date('2026-11-23T15:00:00.000Z') });
    const clients = (cache.prepare('SELECT count(*) AS n FROM clients').get() as { n: number }).n;
    cache.close();
    expect(await runTeamCommand({ kind: 'upload', dataDir: data }, io(), owner)).toMatch(/^\d+ rows published/);
    expect(await ask('SELECT count(*)::int AS n FROM clients')).toEqual([{ n: clients }]);

    // A short password is refused before anything is created.
    await expect(runTeamCommand({ kind: 'login', login: 'poste_marc', agentId: 'marc', role: 'agent' }, io({}, 'court\n'), owner)).rejects.toThrow(/at least 8/);
    expect(await ask("SELECT rolname FROM pg_roles WHERE rolname = 'poste_marc'")).toEqual([]);

    const line = await runTeamCommand({ kind: 'login', login: 'poste_marc', agentId: 'marc', role: 'agent' }, io({}, 'un-long-mot-de-passe\n'), owner);
    expect(line).toBe('login poste_marc → agent marc (agent)');
    const marc = new pg.Client({ host: server.host, port: server.port, database: server.database, user: 'poste_marc', password: 'un-long-mot-de-passe', ssl: { rejectUnauthorized: false } });
    await marc.connect();
    expect((await marc.query('SELECT poste_agent() AS agent, ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()')).rows).toEqual([{ agent: 'marc', ssl: true }]);
    await marc.end();
  });

  it('an upload from a folder without a cache is refused', async () => {
    await expect(runTeamCommand({ kind: 'upload', dataDir: join(dir, 'nowhere') }, io(), owner)).rejects.toThrow(/no poste.sqlite in/);
  });
});
