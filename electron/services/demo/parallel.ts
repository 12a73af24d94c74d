/**
 * The demo on two cores. SQLite writes one database from one thread, so the work is split
 * by table: a child process generates the whole demo (same seed, same `now`, hence the same
 * ids) but writes only the opportunities, meetings and activities into a scratch database,
 * while this process writes the rest (agents, clients, phones, e-mails, search rows, texts,
 * chats, calls) into the real one and builds its indexes while the child is still busy; the
 * split keeps the two sides about equally long. The scratch tables are then copied in with
 * `INSERT INTO … SELECT *`, which SQLite turns into a raw record-order copy (the "transfer
 * optimization": identical schema, empty destination, foreign keys off). The other core is
 * not left idle at the end: the kernel writes the file out while the copy runs, and the
 * scratch file is deleted while the switch back to WAL syncs.
 *
 * For the command line (run through tsx); small demos and the app use `generateDemo`.
 */
import { fork } from 'node:child_process';
import { closeSync, fsync, openSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { openDatabase } from '../db/connection';
import { migrate } from '../db/migrate';
import { migrations } from '../db/migrations';
import type { DemoOptions, DemoSummary } from './generate';
import {
  assertEmpty,
  checkOptions,
  generateDemo,
  prepareBulkLoad,
  relaxWrites,
  summary,
  withFastWrites,
  writeDemoRows,
} from './generate';
import type { DemoTable, RowCounts } from './writer';
import { DEMO_TABLES } from './writer';

/** Below this many clients one process is faster than starting a second one. */
export const PARALLEL_THRESHOLD = 20_000;

/** The tables the child process writes. */
export const PART_TABLES: ReadonlySet<DemoTable> = new Set<DemoTable>(['opportunities', 'meetings', 'activities']);
const MAIN_TABLES: ReadonlySet<DemoTable> = new Set(DEMO_TABLES.filter((t) => !PART_TABLES.has(t)));
const ATTACHED = 'demo_part';

/** What the parent sends the child (argv[2], JSON). */
export interface PartJob {
  file: string;
  clients: number;
  seed: number;
  now: string;
  timeZone: string;
}

/**
 * Creates `file` if needed and fills it with demo data, on two processes when the demo is
 * large enough. Same rows as {@link generateDemo} for the same options.
 */
export async function generateDemoFile(
  file: string,
  options: DemoOptions,
  config: { parallel?: boolean } = {},
): Promise<DemoSummary> {
  const opts = checkOptions(options);
  const db = openDatabase(file);
  try {
    if (!(config.parallel ?? opts.clients >= PARALLEL_THRESHOLD)) return generateDemo(db, opts);
    assertEmpty(db);
    return await generateInTwo(db, file, opts);
  } finally {
    db.close();
  }
}

async function generateInTwo(db: Db, file: string, opts: ReturnType<typeof checkOptions>): Promise<DemoSummary> {
  const partFile = join(dirname(file), `.${basename(file)}.demo-part-${process.pid}`);
  const partFiles = ['', '-journal', '-wal', '-shm'].map((suffix) => partFile + suffix);
  for (const f of partFiles) rmSync(f, { force: true });
  const removePart = () => Promise.all(partFiles.map((f) => rm(f, { force: true })));
  // The scratch database gets the same schema, in rollback-journal mode so that the child
  // alone writes it while it is attached here.
  const part = new Database(partFile);
  migrate(part, migrations);
  part.close();

  db.exec(`ATTACH DATABASE '${partFile.replaceAll("'", "''")}' AS ${ATTACHED}`);
  const job: PartJob = {
    file: partFile,
    clients: opts.clients,
    seed: opts.seed,
    now: opts.now.toISOString(),
    timeZone: opts.timeZone,
  };
  const child = startPart(job);
  const restore = relaxWrites(db);
  let attached = true;
  let flusher: ReturnType<typeof backgroundSync> | undefined;
  let removal: Promise<unknown> | undefined;
  try {
    db.exec('BEGIN');
    // Quiet every demo table here: the copied ones too, for the fast copy.
    const bulk = prepareBulkLoad(db, MAIN_TABLES, new Set(DEMO_TABLES));
    const counts = writeDemoRows(db, opts, MAIN_TABLES);
    // This side's indexes are built while the child is still writing (it has more rows).
    bulk.rebuild();
    // From here on, while one core copies, the kernel writes out the pages written so far,
    // which the switch back to WAL (a sync of the whole file) would otherwise wait for.
    flusher = backgroundSync(file);
    flusher.kick();
    await child.done;
    for (const table of PART_TABLES) {
      db.exec(`INSERT INTO main.${table} SELECT * FROM ${ATTACHED}.${table}`);
      await new Promise(setImmediate); // lets a finished sync report, so the next can start
      flusher.kick();
    }
    bulk.finish();
    db.exec('COMMIT');
    db.exec(`DETACH DATABASE ${ATTACHED}`);
    attached = false;
    // Deleting two gigabytes takes a second or two: done on libuv's threads while this
    // thread waits for the sync below.
    removal = removePart();
    return summary(counts);
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  } finally {
    await flusher?.close();
    restore();
    child.kill();
    if (attached) db.exec(`DETACH DATABASE ${ATTACHED}`);
    await (removal ?? removePart());
  }
}

/**
 * Asks the kernel to write `file`'s dirty pages out on one of libuv's threads, at most one
 * sync at a time, while this thread goes on with synchronous SQLite work on the other core.
 */
function backgroundSync(file: string): { kick(): void; close(): Promise<void> } {
  const fd = openSync(file, 'r');
  let running: Promise<void> | null = null;
  return {
    kick() {
      running ??= new Promise<void>((resolve) =>
        fsync(fd, () => {
          running = null;
          resolve(); // an error only means this speed-up did not happen
        }),
      );
    },
    async close() {
      await running;
      closeSync(fd);
    },
  };
}

function startPart(job: PartJob): { done: Promise<RowCounts>; kill(): void } {
  const script = fileURLToPath(new URL('./part.ts', import.meta.url));
  // The child runs TypeScript through tsx, like the command line that started us.
  const underTsx = process.execArgv.some((a) => a.includes('tsx'));
  const child = fork(script, [JSON.stringify(job)], {
    execArgv: underTsx ? process.execArgv : ['--import', 'tsx'],
    stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    if (stderr.length < 4000) stderr += chunk.toString();
  });
  let result: RowCounts | undefined;
  child.on('message', (message: unknown) => {
    result = (message as { counts: RowCounts }).counts;
  });
  const done = new Promise<RowCounts>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code === 0 && result) resolve(result);
      else reject(new Error(`the demo helper process failed (exit ${code}): ${stderr.trim() || 'no output'}`));
    });
  });
  done.catch(() => undefined); // observed by the caller when it awaits
  return {
    done,
    kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill();
    },
  };
}

/** The child's side: writes the opportunity side into the scratch database. */
export function runPart(job: PartJob): RowCounts {
  const db = new Database(job.file);
  try {
    const opts = checkOptions({ clients: job.clients, seed: job.seed, now: new Date(job.now), timeZone: job.timeZone });
    return withFastWrites(db, () =>
      db.transaction(() => {
        const bulk = prepareBulkLoad(db, PART_TABLES);
        const counts = writeDemoRows(db, opts, PART_TABLES);
        bulk.finish();
        return counts;
      })(),
    );
  } finally {
    db.close();
  }
}
