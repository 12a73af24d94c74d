/**
 * The services killed with SIGKILL mid-way: in the middle of a 100,000-row CSV import and in
 * the middle of a burst of actions. The work runs in a child process (crash-child.ts) on a
 * temporary SQLite file; after the kill the file is reopened: `PRAGMA integrity_check` is
 * ok, the import is whole or absent, and every action acknowledged before the kill is there.
 */
import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../electron/services';
import { memorySettingsStore } from '../../electron/services/settings/store';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings';
import { ALWAYS, addAgent, addClient, addOpportunity } from '../support/seed';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = resolve(HERE, '../..');
const CHILD = join(HERE, 'crash-child.ts');
const ROWS = 100_000;

let dir: string;
let csvFile: string;

/** A fresh database with the schema, Marc and `clients` clients (each a mobile and a file). */
function seededDatabase(name: string, clients: number): string {
  const file = join(dir, name);
  const s = createServices({
    databaseFile: file,
    settings: memorySettingsStore({ ...DEFAULT_SETTINGS, agentId: 'marc' }),
    host: 'web',
    version: 'resilience',
  });
  addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
  for (let i = 0; i < clients; i++) {
    const clientId = addClient(s.db, {
      firstName: `Client${i}`,
      lastName: 'Rafale',
      phones: [`+1438300${String(1000 + i).padStart(4, '0')}`],
    });
    addOpportunity(s.db, { clientId, managerId: 'marc', status: 'in_progress' });
  }
  s.close();
  return file;
}

interface Child {
  proc: ChildProcess;
  lines: string[];
  /** Resolves with the first line matching, or rejects if the child exits first. */
  line(match: (l: string) => boolean, timeoutMs?: number): Promise<string>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  stderr(): string;
}

function runChild(args: string[]): Child {
  const proc = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const waiters: { match: (l: string) => boolean; resolve: (l: string) => void }[] = [];
  let partial = '';
  let err = '';
  proc.stdout?.on('data', (chunk: Buffer) => {
    partial += chunk.toString();
    const parts = partial.split('\n');
    partial = parts.pop() ?? '';
    for (const l of parts) {
      lines.push(l);
      for (const w of [...waiters]) {
        if (w.match(l)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(l);
        }
      }
    }
  });
  proc.stderr?.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) => {
    // 'close': stdout has been read to its end (every line the child wrote before dying).
    proc.once('close', (code, signal) => done({ code, signal }));
  });
  return {
    proc,
    lines,
    exited,
    stderr: () => err,
    line(match, timeoutMs = 60_000) {
      const seen = lines.find(match);
      if (seen) return Promise.resolve(seen);
      return new Promise<string>((resolveLine, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`no matching line in ${timeoutMs} ms; stderr: ${err}`)),
          timeoutMs,
        );
        waiters.push({
          match,
          resolve: (l) => {
            clearTimeout(timer);
            resolveLine(l);
          },
        });
        void exited.then(() => {
          clearTimeout(timer);
          reject(new Error(`the child exited before the line; stderr: ${err}`));
        });
      });
    },
  };
}

function reopen(file: string): Database.Database {
  return new Database(file, { fileMustExist: true });
}

function count(db: Database.Database, sql: string, ...params: unknown[]): number {
  return (db.prepare(sql).get(...params) as { n: number }).n;
}

/** Reopens a killed import's database: intact, and the import whole or absent. */
function verify(
  file: string,
  exit: { code: number | null; signal: NodeJS.Signals | null },
  finishedFirst: boolean,
): string {
  if (!finishedFirst) expect(exit.signal).toBe('SIGKILL');
  const db = reopen(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const added = count(db, 'SELECT count(*) AS n FROM clients') - 1;
    const opportunities = count(db, "SELECT count(*) AS n FROM opportunities WHERE provider_ref LIKE 'R-%'");
    const batches = count(db, "SELECT count(*) AS n FROM lead_import_batches WHERE file_name = 'resilience.csv'");
    // Whole (every client, every file, its batch row) or absent (none of them).
    expect([0, ROWS]).toContain(added);
    expect(opportunities).toBe(added);
    expect(batches).toBe(added === 0 ? 0 : 1);
    return `${exit.signal ?? `exit ${exit.code}`} → ${added === 0 ? 'absent' : 'whole'}${finishedFirst ? ' (had finished)' : ''}`;
  } finally {
    db.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'poste-resilience-crash-'));
  csvFile = join(dir, 'leads.csv');
  const lines = ['Prénom,Nom,Courriel,Cellulaire,Source,Id'];
  for (let i = 0; i < ROWS; i++) {
    // 438-2NN-NNNN: valid numbers, none of the demo's reserved 514-555-01xx.
    const phone = `438${200 + Math.floor(i / 10_000)}${String(i % 10_000).padStart(4, '0')}`;
    lines.push(`Prénom${i},Nom${i},client${i}@exemple-import.ca,${phone},CSV Résilience,R-${i}`);
  }
  writeFileSync(csvFile, `${lines.join('\r\n')}\r\n`);
});

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the services are killed with SIGKILL', () => {
  it('in the middle of a 100,000-row CSV import: the database is intact and the import whole or absent', async () => {
    // Run 1: killed as soon as the import says it committed, while the child closes the
    // database, which writes the WAL back into the database file. (Imports commit without
    // the WAL backstop, so that copy no longer happens inside the commit itself.)
    const first = seededDatabase('killed-after-commit.sqlite', 1);
    const child1 = runChild(['import', first, csvFile]);
    await child1.line((l) => l === 'start');
    const t0 = Date.now();
    await child1.line((l) => l.startsWith('done '), 180_000);
    const commitMs = Date.now() - t0;
    const finishedFirst = child1.proc.exitCode !== null;
    child1.proc.kill('SIGKILL');
    const exit1 = await child1.exited;
    // The kill landed before the close had copied the WAL back (the last close removes it).
    expect(existsSync(`${first}-wal`)).toBe(true);
    const outcomes = [`after the commit (${commitMs} ms): ${verify(first, exit1, finishedFirst)}`];

    // Run 2: killed half-way to that commit, inside the transaction.
    const second = seededDatabase('killed-mid-import.sqlite', 1);
    const child2 = runChild(['import', second, csvFile]);
    await child2.line((l) => l === 'start');
    await new Promise((r) => setTimeout(r, Math.round(commitMs / 2)));
    const finished2 = child2.lines.some((l) => l.startsWith('done '));
    child2.proc.kill('SIGKILL');
    const mid = verify(second, await child2.exited, finished2);
    outcomes.push(`at ${Math.round(commitMs / 2)} ms: ${mid}`);
    process.stdout.write(`import of ${ROWS} rows killed ${outcomes.join('; ')}\n`);
    expect(outcomes[0]).toMatch(/whole$/);
    expect(mid).toBe('SIGKILL → absent');
  }, 240_000);

  it('in the middle of a burst of actions: every action acknowledged before the kill is there', async () => {
    const file = seededDatabase('actions.sqlite', 20);
    for (const stopAfter of [150, 777]) {
      const child = runChild(['actions', file]);
      await child.line((l) => l === 'ready');
      await child.line(
        (l) => l.startsWith('ack ') && child.lines.filter((x) => x.startsWith('ack ')).length >= stopAfter,
      );
      child.proc.kill('SIGKILL');
      const exit = await child.exited;
      expect(exit.signal).toBe('SIGKILL');
      const acks = child.lines.filter((l) => l.startsWith('ack '));
      expect(acks.length).toBeGreaterThanOrEqual(stopAfter);
      const db = reopen(file);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        const textExists = db.prepare('SELECT count(*) AS n FROM texts WHERE id = ?');
        const activityExists = db.prepare('SELECT count(*) AS n FROM activities WHERE id = ?');
        const missing: string[] = [];
        for (const ack of acks) {
          const [, kind, id, activityId] = ack.split(' ');
          if (kind === 'sms' && (textExists.get(id) as { n: number }).n !== 1) missing.push(ack);
          if ((activityExists.get(kind === 'sms' ? activityId : id) as { n: number }).n !== 1) missing.push(ack);
        }
        expect(missing).toEqual([]);
        process.stdout.write(`burst killed after ${acks.length} acknowledged actions: all present\n`);
      } finally {
        db.close();
      }
    }
  }, 120_000);
});
