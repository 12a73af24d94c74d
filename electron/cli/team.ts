/**
 * `npm run team -- <command>`: the centre's owner sets up the team database (issue 9). The
 * connection comes from PostgreSQL's own environment variables (PGHOST, PGPORT, PGDATABASE,
 * PGUSER, PGPASSWORD, PGSSLMODE…), as psql takes it; passwords never go on the command line.
 *
 *   migrate                                   apply team-db/NNNN-*.sql not yet applied
 *   login --login L --agent ID --role R       create or update an agent's login; its password
 *                                             is read from POSTE_AGENT_PASSWORD or stdin
 *   upload --data DIR                         publish a standalone console's cache (seeding)
 *
 * Bad arguments exit with 2 and change nothing; a failure exits with 1 with PostgreSQL's reason.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { DATABASE_FILE } from '../services/paths';
import { uploadCache } from '../services/sync/snapshot';
import { createAgentLogin, migrateTeamDatabase } from '../services/sync/team-migrate';

const ROLES = ['agent', 'da', 'analyst', 'supervisor'] as const;
type Role = (typeof ROLES)[number];

export type TeamCommand =
  | { kind: 'migrate' }
  | { kind: 'login'; login: string; agentId: string; role: Role }
  | { kind: 'upload'; dataDir: string };

export class UsageError extends Error {}

export const USAGE = `usage: npm run team -- migrate
       npm run team -- login --login poste_marc --agent marc --role agent   (password: POSTE_AGENT_PASSWORD or stdin)
       npm run team -- upload --data DIR
The connection is taken from PGHOST, PGPORT, PGDATABASE, PGUSER, PGPASSWORD, PGSSLMODE.`;

function options(args: readonly string[], known: readonly string[]): Map<string, string> {
  const found = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    const name = args[i] ?? '';
    const value = args[i + 1];
    if (!known.includes(name)) throw new UsageError(`unknown option ${name.slice(0, 40)}`);
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${name} needs a value`);
    if (found.has(name)) throw new UsageError(`${name} given twice`);
    found.set(name, value);
  }
  return found;
}

/** Parses the command line; throws UsageError with the reason. */
export function parseTeamArgs(argv: readonly string[]): TeamCommand {
  const [command, ...rest] = argv;
  if (command === 'migrate') {
    if (rest.length) throw new UsageError('migrate takes no option');
    return { kind: 'migrate' };
  }
  if (command === 'login') {
    const o = options(rest, ['--login', '--agent', '--role']);
    const login = o.get('--login');
    const agentId = o.get('--agent');
    const role = o.get('--role') ?? 'agent';
    if (!login || !/^[a-z_][a-z0-9_]{0,62}$/.test(login)) throw new UsageError('--login is lower-case letters, digits and _ (at most 63)');
    if (!agentId || !/^[A-Za-z0-9_-]{1,64}$/.test(agentId)) throw new UsageError('--agent is the agent id (letters, digits, - and _)');
    if (!(ROLES as readonly string[]).includes(role)) throw new UsageError(`--role is one of ${ROLES.join(', ')}`);
    return { kind: 'login', login, agentId, role: role as Role };
  }
  if (command === 'upload') {
    const o = options(rest, ['--data']);
    const dataDir = o.get('--data');
    if (!dataDir) throw new UsageError('--data is the console data folder that holds poste.sqlite');
    return { kind: 'upload', dataDir };
  }
  throw new UsageError(command ? `unknown command ${command.slice(0, 40)}` : 'a command is needed');
}

export interface TeamIo {
  env: NodeJS.ProcessEnv;
  readStdin(): string;
}

/** Runs one command against the database PG* points at; returns what it did, in a line. */
export async function runTeamCommand(command: TeamCommand, io: TeamIo, connect = () => new pg.Client()): Promise<string> {
  // Read and checked before connecting: a bad input changes nothing.
  let password = '';
  let cache: Database.Database | null = null;
  if (command.kind === 'login') {
    password = (io.env.POSTE_AGENT_PASSWORD ?? io.readStdin()).replace(/\r?\n$/, '');
    if (password.length < 8) throw new UsageError('the password (POSTE_AGENT_PASSWORD or stdin) must have at least 8 characters');
  }
  if (command.kind === 'upload') {
    const file = join(command.dataDir, DATABASE_FILE);
    if (!existsSync(file)) throw new UsageError(`no ${DATABASE_FILE} in ${command.dataDir}`);
    cache = new Database(file, { readonly: true, fileMustExist: true });
  }
  const client = connect();
  // A connection that drops mid-command fails the query under way, which says so plainly;
  // pg also emits 'error' on the client, which unheard would end the command with a stack.
  client.on('error', () => undefined);
  try {
    await client.connect();
    if (command.kind === 'migrate') {
      const { from, to } = await migrateTeamDatabase(client);
      return from === to ? `team database already at version ${to}` : `team database migrated from version ${from} to ${to}`;
    }
    if (command.kind === 'login') {
      await createAgentLogin(client, { login: command.login, password, agentId: command.agentId, role: command.role });
      return `login ${command.login} → agent ${command.agentId} (${command.role})`;
    }
    const rows = await uploadCache(cache!, client);
    return `${rows} rows published from ${command.dataDir}`;
  } finally {
    cache?.close();
    await client.end().catch(() => undefined);
  }
}

async function main(): Promise<void> {
  let command: TeamCommand;
  try {
    command = parseTeamArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`team: ${(error as Error).message}\n${USAGE}\n`);
    process.exit(2);
  }
  try {
    const line = await runTeamCommand(command, {
      env: process.env,
      readStdin: () => (process.stdin.isTTY ? '' : readFileSync(0, 'utf8')),
    });
    process.stdout.write(`${line}\n`);
  } catch (error) {
    process.stderr.write(`team: ${(error as Error).message}\n`);
    process.exit(error instanceof UsageError ? 2 : 1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
