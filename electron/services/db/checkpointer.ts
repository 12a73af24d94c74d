import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';
import { errorMessage } from '../../../shared/error-message';

/**
 * WAL checkpoints off the agent's path. SQLite's default copies the WAL back into the database
 * inside whichever commit crosses 1,000 pages, so one « Lead suivant » in fifty paid 10–20 ms
 * for pages other writes left. Here a PASSIVE checkpoint (it never waits for a reader or a
 * writer) runs every second, and every 50 ms on the worker while writes stream in, so each
 * is small; the automatic one stays as a backstop for a long burst of writes, at 64 MB.
 *
 * The hosts run it on a worker thread with its own connection: copying pages back and syncing
 * the file then happen on the other core, while this thread answers a ring or commits the next
 * file of an import (a timer here could only run between them, and not at all during a burst
 * of imports, which then paid for the backstop inside their commits). Tests and tools, and a
 * host where the worker cannot start, use a timer on this thread.
 *
 * While the worker runs, this thread's connection has no backstop at all. The first write
 * after a big import (the bench's CSV file of 100,000 rows leaves a 390 MB WAL) otherwise
 * copied whatever the worker had not yet copied back inside its own commit: « Lead suivant »
 * right after that import took up to 1.4 s instead of about 1 ms, doing on this thread what
 * the worker was doing on the other core. In the bench, the CSV figure itself went from
 * 15,400–17,300 to 18,300–20,300 rows/s (three interleaved pairs). The backstop comes back
 * if the worker stops.
 */
export const CHECKPOINT_EVERY_MS = 1000;
/**
 * The worker's pace while frames keep coming in (any in the last `everyMs`). A file of 1,000
 * ADF leads writes about 10 MB of WAL in a tenth of a second. At one look a second, a burst
 * of files grew the WAL past the backstop every few files and that file's commit paid
 * 300–500 ms for it; this pace took the bench's ADF loop from 6,049–6,378 to 7,250–7,832
 * leads/s. Imports now also commit without the backstop ({@link withoutBackstop}), after
 * which paces from 10 to 1,000 ms measured alike.
 */
export const BUSY_CHECKPOINT_EVERY_MS = 50;
export const BACKSTOP_PAGES = 16_384;

/**
 * Runs a large write (a whole lead file) without the backstop in its own commit. Past 64 MB,
 * the commit that crosses the backstop copies the whole WAL back into the database and syncs
 * the file before it returns: for a CSV file of 100,000 rows, 1.85 of its 11.2 seconds, while
 * the other core, where the worker does the same copy moments later, sat idle. The backstop
 * is back as it was for every later commit (while the worker runs, there is none to lift).
 *
 * In a burst of files sent back to back, the WAL then grows by most files (198 MB after 21
 * files of 1,000 ADF leads): SQLite starts it over only when a write begins after every frame
 * has been copied back, and the next file begins 15–40 ms after the last commit. Having each
 * commit wake the worker at once, and the next file wait for it past 16 MB, kept it under
 * 33 MB with no gain in speed, and « Lead suivant » right after a CSV import was slower
 * (p95 0.45–0.53 ms against 0.18–0.28, interleaved): not done. The file goes when the
 * console closes the database.
 */
export function withoutBackstop<T>(db: Database, write: () => T): T {
  const backstop = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`wal_autocheckpoint = ${backstop}`);
  }
}

export interface Checkpointer {
  /** Where the checkpoints run. */
  readonly mode: 'worker' | 'timer' | 'none';
  /** Stops checkpointing; resolves once the worker's connection is closed. */
  stop(): Promise<void>;
}

/**
 * The worker's code, CommonJS run from a string, so that both hosts (the web host under tsx,
 * Electron's bundled main) start it without a second entry point to build and ship. It loads
 * the same better-sqlite3 the host loaded, by resolved path.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
let failed = false;
let copied = -1;
let changedAt = Date.now();
let timer;
const tick = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.checkpointed !== copied) changedAt = Date.now();
    copied = result.checkpointed;
    failed = false;
  } catch (error) {
    if (!failed) parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    failed = true;
  }
  // Frames came in lately: writes are streaming (an import), so look again soon, before
  // they pile up to the backstop.
  timer = setTimeout(tick, Date.now() - changedAt < workerData.everyMs ? workerData.busyEveryMs : workerData.everyMs);
};
timer = setTimeout(tick, workerData.busyEveryMs);
parentPort.on('message', () => {
  clearTimeout(timer);
  db.close();
  parentPort.close();
});
`;

export function startCheckpointer(
  db: Database,
  logger: Logger,
  options: {
    everyMs?: number;
    /** The worker's pace while writes stream in (default {@link BUSY_CHECKPOINT_EVERY_MS}). */
    busyEveryMs?: number;
    thread?: boolean;
    /** The better-sqlite3 the worker loads; by default the one this thread loaded (tests break it). */
    sqliteModule?: string;
  } = {},
): Checkpointer {
  const everyMs = options.everyMs ?? CHECKPOINT_EVERY_MS;
  const busyEveryMs = Math.min(everyMs, options.busyEveryMs ?? BUSY_CHECKPOINT_EVERY_MS);
  if (db.memory) return { mode: 'none', stop: async () => undefined };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  if (options.thread) {
    try {
      return onWorker(db, logger, { everyMs, busyEveryMs }, options.sqliteModule ?? createRequire(import.meta.url).resolve('better-sqlite3'));
    } catch (error) {
      logger.warn('WAL checkpoints: no worker thread, checkpointing on a timer', {
        error: errorMessage(error),
      });
    }
  }
  return onTimer(db, logger, everyMs);
}

function onTimer(db: Database, logger: Logger, everyMs: number): Checkpointer {
  let failed = false;
  const timer = setInterval(() => {
    if (!db.open) return;
    try {
      db.pragma('wal_checkpoint(PASSIVE)');
      failed = false;
    } catch (error) {
      // A busy or locked database is tried again next time; said once, not every second.
      if (!failed) logger.warn('WAL checkpoint failed; retrying', { error: errorMessage(error) });
      failed = true;
    }
  }, everyMs);
  timer.unref();
  return {
    mode: 'timer',
    stop: async () => clearInterval(timer),
  };
}

function onWorker(db: Database, logger: Logger, pace: { everyMs: number; busyEveryMs: number }, module: string): Checkpointer {
  const { everyMs } = pace;
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, file: db.name, ...pace } });
  worker.unref();
  db.pragma('wal_autocheckpoint = 0');
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let fallback: Checkpointer | null = null;
  let stopped = false;
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) logger.warn('WAL checkpoint failed; retrying', { error: message.failed });
  });
  const takeOver = (why: string) => {
    if (stopped || fallback) return;
    // The worker could not start or died (a native module it cannot load, say): this thread
    // takes the checkpoints over.
    logger.warn('WAL checkpoint worker stopped; checkpointing on a timer', { error: why });
    if (db.open) db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    fallback = onTimer(db, logger, everyMs);
  };
  worker.on('error', (error) => takeOver(error.message));
  // Gone without an error (something in it called process.exit): the same.
  worker.on('exit', (code) => takeOver(`the worker exited (code ${code})`));
  return {
    mode: 'worker',
    async stop() {
      stopped = true;
      await fallback?.stop();
      // Unreferenced, the worker would not keep the process alive while it closes, and a
      // caller awaiting this with nothing else to do would simply end, its await unfinished.
      worker.ref();
      worker.postMessage('stop');
      await exited;
      // Any write after this (there should be none) checkpoints for itself again.
      if (db.open) db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
    },
  };
}
