import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClientBase } from 'pg';

/** Where the team schema's migrations live: `team-db/NNNN-name.sql`, one file each, forward only. */
export const TEAM_DB_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'team-db');

export interface TeamMigration {
  version: number;
  name: string;
  sql: string;
}

/** Thrown when the team database was brought forward by a newer Poste: it is left untouched. */
export class NewerTeamDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(`The team database has schema ${found}; this Poste knows up to ${supported}. Update Poste.`);
    this.name = 'NewerTeamDatabaseError';
  }
}

/** Reads the numbered SQL files of a folder, checking they run 1, 2, 3… without a gap. */
export function readTeamMigrations(dir: string = TEAM_DB_DIR): TeamMigration[] {
  const files = readdirSync(dir)
    .filter((f) => /^\d{4}-[a-z0-9-]+\.sql$/.test(f))
    .sort();
  return files.map((file, i) => {
    const version = Number(file.slice(0, 4));
    if (version !== i + 1) throw new Error(`team migration ${file} has version ${version}, expected ${i + 1}`);
    return { version, name: file.slice(5, -4), sql: readFileSync(join(dir, file), 'utf8') };
  });
}

/**
 * Brings the team database forward, run by its owner (not an agent's login). Each migration
 * runs in its own transaction with its row in `team_schema`; an advisory lock keeps two
 * consoles from migrating at once. Returns the versions before and after.
 */
export async function migrateTeamDatabase(
  client: ClientBase,
  migrations: readonly TeamMigration[] = readTeamMigrations(),
): Promise<{ from: number; to: number }> {
  await client.query('SELECT pg_advisory_lock(70071)');
  try {
    await client.query(
      'CREATE TABLE IF NOT EXISTS team_schema (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())',
    );
    const found = Number(
      (await client.query<{ v: number | null }>('SELECT max(version) AS v FROM team_schema')).rows[0]?.v ?? 0,
    );
    if (found > migrations.length) throw new NewerTeamDatabaseError(found, migrations.length);
    for (const m of migrations.slice(found)) {
      await client.query('BEGIN');
      try {
        await client.query(m.sql);
        await client.query('INSERT INTO team_schema (version, name) VALUES ($1, $2)', [m.version, m.name]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
    }
    return { from: found, to: migrations.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock(70071)');
  }
}

/**
 * Gives an agent a login of their own (run by the owner): the role joins `poste_agent` and
 * is mapped to the agent and their role, which the row-level policies read.
 */
export async function createAgentLogin(
  client: ClientBase,
  login: { login: string; password: string; agentId: string; role: 'agent' | 'da' | 'analyst' | 'supervisor' },
): Promise<void> {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(login.login)) throw new Error('a login is lower-case letters, digits and _');
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [login.login]);
  const password = login.password.replace(/'/g, "''");
  if (exists.rowCount === 0)
    await client.query(`CREATE ROLE ${login.login} LOGIN PASSWORD '${password}' IN ROLE poste_agent`);
  else await client.query(`ALTER ROLE ${login.login} LOGIN PASSWORD '${password}'`);
  await client.query(
    `INSERT INTO team_agents (login, agent_id, role) VALUES ($1, $2, $3)
     ON CONFLICT (login) DO UPDATE SET agent_id = EXCLUDED.agent_id, role = EXCLUDED.role`,
    [login.login, login.agentId, login.role],
  );
}
