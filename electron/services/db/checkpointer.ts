import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';

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
 */
export const CHECKPOINT_EVERY_MS = 1000;
/**
 * The worker's pace while frames keep coming in (any in the last `everyMs`). A file of 1,000
 * ADF leads writes about 10 MB of WAL in a tenth of a second. At one look a second, a burst
 * of files grew the WAL past the backstop every few files and that file's commit paid
 * 300–500 ms for it; this pace took the bench's ADF loop from 6,049–6,378 to 7,250–7,832
 * leads/s. A large write also asks for a checkpoint as soon as it commits, and the next one
 * waits for it ({@link withoutBackstop}).
 */
export const BUSY_CHECKPOINT_EVERY_MS = 50;
export const BACKSTOP_PAGES = 16_384;

/**
 * How long a large write waits for the checkpoint the previous one asked for. Copying a file
 * of 1,000 ADF leads back and syncing it takes the worker 35–45 ms here.
 */
export const SETTLE_MS = 100;

/**
 * Runs a large write (a whole lead file) in its own commit, without the backstop, and has the
 * worker copy it back at once.
 *
 * Past 64 MB, the commit that crosses the backstop copies the whole WAL back into the
 * database and syncs the file before it returns: for a CSV file of 100,000 rows, 1.85 of its
 * 11.2 seconds, while the other core, where the worker does the same copy moments later, sat
 * idle. The backstop is back as it was for every later commit.
 *
 * SQLite starts the WAL over from its beginning only when a write transaction begins after
 * every frame has been copied back; otherwise the next commit appends. In a burst of lead
 * files the next file was read and begun within 15–40 ms of the last commit, before the
 * worker's next look, so the WAL grew by every file (to 198 MB after 21 files of 1,000 ADF
 * leads), and appending to a growing WAL made each commit cost 29 µs a lead instead of 12.
 * So the commit asks the worker for a checkpoint at once, and the next large write waits up
 * to {@link SETTLE_MS} for it before it begins: the copy runs on the other core while the
 * next file is parsed, and the WAL stays at one file's size.
 */
export function withoutBackstop<T>(db: Database, write: () => T): T {
  const checkpointer = running.get(db);
  checkpointer?.settle(SETTLE_MS);
  const backstop = db.pragma('wal_autocheckpoint', { simple: true }) as number;
  db.pragma('wal_autocheckpoint = 0');
  try {
    return write();
  } finally {
    db.pragma(`wal_autocheckpoint = ${backstop}`);
    checkpointer?.nudge();
  }
}

/** The checkpointer running for each connection, for {@link withoutBackstop}. */
const running = new WeakMap<Database, Checkpointer>();

export interface Checkpointer {
  /** Where the checkpoints run. */
  readonly mode: 'worker' | 'timer' | 'none';
  /** Asks the worker for a checkpoint now rather than at its next look (elsewhere: nothing). */
  nudge(): void;
  /**
   * Waits up to `maxWaitMs` for the checkpoint last asked for to be done; true once it is
   * (or none is pending). Blocks this thread: only for a large write about to begin.
   */
  settle(maxWaitMs: number): boolean;
  /** Stops checkpointing; resolves once the worker's connection is closed. */
  stop(): Promise<void>;
}

/**
 * The worker's code, CommonJS run from a string, so that both hosts (the web host under tsx,
 * Electron's bundled main) start it without a second entry point to build and ship. It loads
 * the same better-sqlite3 the host loaded, by resolved path.
 *
 * `flags` is shared with the host's thread: [0] counts the checkpoints asked for (nudges),
 * [1] the count the worker had seen when its last checkpoint ended. Between looks it sleeps on
 * [0], so a nudge wakes it at once.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true, timeout: 0 });
const flags = new Int32Array(workerData.flags);
let failed = false;
let copied = -1;
let changedAt = Date.now();
let stopping = false;
const checkpoint = () => {
  try {
    const [result] = db.pragma('wal_checkpoint(PASSIVE)');
    if (result.checkpointed !== copied) changedAt = Date.now();
    copied = result.checkpointed;
    failed = false;
  } catch (error) {
    if (!failed) parentPort.postMessage({ failed: error instanceof Error ? error.message : String(error) });
    failed = true;
  }
};
const run = async () => {
  // The first look comes at the busy pace, or at once if asked for before this started.
  let delay = workerData.busyEveryMs;
  let served = 0;
  while (!stopping) {
    const wait = Atomics.waitAsync(flags, 0, served, delay);
    if (wait.async) await wait.value;
    if (stopping) break;
    const asked = Atomics.load(flags, 0);
    checkpoint();
    served = asked;
    Atomics.store(flags, 1, asked);
    Atomics.notify(flags, 1);
    // Frames came in lately: writes are streaming (an import), so look again soon, before
    // they pile up to the backstop.
    delay = Date.now() - changedAt < workerData.everyMs ? workerData.busyEveryMs : workerData.everyMs;
  }
  db.close();
  parentPort.close();
};
parentPort.on('message', () => {
  stopping = true;
  Atomics.notify(flags, 0);
});
void run();
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
  if (db.memory) return { mode: 'none', nudge: () => undefined, settle: () => true, stop: async () => undefined };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
  let checkpointer: Checkpointer | null = null;
  if (options.thread) {
    try {
      checkpointer = onWorker(db, logger, { everyMs, busyEveryMs }, options.sqliteModule ?? createRequire(import.meta.url).resolve('better-sqlite3'));
    } catch (error) {
      logger.warn('WAL checkpoints: no worker thread, checkpointing on a timer', {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  // Once stopped, its nudge and settle do nothing.
  const started = checkpointer ?? onTimer(db, logger, everyMs);
  running.set(db, started);
  return started;
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
      if (!failed) logger.warn('WAL checkpoint failed; retrying', { error: error instanceof Error ? error.message : String(error) });
      failed = true;
    }
  }, everyMs);
  timer.unref();
  return {
    mode: 'timer',
    // On this thread a checkpoint asked for now would only run inside the caller's time.
    nudge: () => undefined,
    settle: () => true,
    stop: async () => clearInterval(timer),
  };
}

function onWorker(db: Database, logger: Logger, pace: { everyMs: number; busyEveryMs: number }, module: string): Checkpointer {
  const { everyMs } = pace;
  const flags = new Int32Array(new SharedArrayBuffer(8));
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { module, file: db.name, flags: flags.buffer, ...pace } });
  worker.unref();
  const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
  let fallback: Checkpointer | null = null;
  let stopped = false;
  let canWait = true;
  worker.on('message', (message: { failed?: string }) => {
    if (message.failed) logger.warn('WAL checkpoint failed; retrying', { error: message.failed });
  });
  const takeOver = (why: string) => {
    if (stopped || fallback) return;
    // The worker could not start or died (a native module it cannot load, say): this thread
    // takes the checkpoints over, and large writes stop waiting for it.
    logger.warn('WAL checkpoint worker stopped; checkpointing on a timer', { error: why });
    fallback = onTimer(db, logger, everyMs);
  };
  worker.on('error', (error) => takeOver(error.message));
  // Gone without an error (something in it called process.exit): the same.
  worker.on('exit', (code) => takeOver(`the worker exited (code ${code})`));
  return {
    mode: 'worker',
    nudge() {
      if (stopped || fallback) return;
      Atomics.add(flags, 0, 1);
      Atomics.notify(flags, 0);
    },
    settle(maxWaitMs) {
      if (stopped || fallback) return true;
      const asked = Atomics.load(flags, 0);
      const deadline = performance.now() + maxWaitMs;
      for (;;) {
        const done = Atomics.load(flags, 1);
        // (The counts are 32-bit: compared by their difference, they may wrap.)
        if (((done - asked) | 0) >= 0) return true;
        const left = deadline - performance.now();
        if (left <= 0 || !canWait) return false;
        try {
          Atomics.wait(flags, 1, done, left);
        } catch {
          // A thread that may not block (as a browser's main thread): never wait, just go on.
          canWait = false;
        }
      }
    },
    async stop() {
      stopped = true;
      await fallback?.stop();
      // Unreferenced, the worker would not keep the process alive while it closes, and a
      // caller awaiting this with nothing else to do would simply end, its await unfinished.
      worker.ref();
      worker.postMessage('stop');
      await exited;
    },
  };
}
