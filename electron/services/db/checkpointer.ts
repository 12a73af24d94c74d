import type { Database } from 'better-sqlite3';
import type { Logger } from '../log/logger';

/**
 * WAL checkpoints off the agent's path. SQLite's default copies the WAL back into the database
 * inside whichever commit crosses 1,000 pages, so one « Lead suivant » in fifty paid 10–20 ms
 * for pages other writes left. Here a timer checkpoints every second (PASSIVE: it never waits
 * for a reader), so each checkpoint is small and happens between the agent's actions; the
 * automatic one stays as a backstop for a long burst of writes, at 64 MB.
 */
export const CHECKPOINT_EVERY_MS = 1000;
export const BACKSTOP_PAGES = 16_384;

export function startCheckpointer(db: Database, logger: Logger, everyMs = CHECKPOINT_EVERY_MS): { stop(): void } {
  if (db.memory) return { stop: () => undefined };
  db.pragma(`wal_autocheckpoint = ${BACKSTOP_PAGES}`);
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
  return { stop: () => clearInterval(timer) };
}
