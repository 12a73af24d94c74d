import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';

/** What the WAL file keeps of its size after it is started over: a day's ordinary writes. */
export const WAL_KEPT_BYTES = 64 * 1024 * 1024;

/**
 * Opens the cache with the settings the architecture asks for: WAL, foreign keys, a busy
 * timeout, and the schema brought forward. `:memory:` is allowed for tests.
 */
export function openDatabase(file: string): Db {
  const db = new Database(file);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    db.pragma('cache_size = -65536');
    db.pragma('temp_store = MEMORY');
    // Reads of the hot paths (screen-pop, search) go through the OS page cache without copies.
    db.pragma('mmap_size = 1073741824');
    // Once SQLite starts the WAL over, it gives back what a big import grew it to (a 100,000-row
    // CSV file leaves a 390 MB WAL, which otherwise stayed on disk until the console closed).
    db.pragma(`journal_size_limit = ${WAL_KEPT_BYTES}`);
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
