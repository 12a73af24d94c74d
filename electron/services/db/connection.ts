import Database from 'better-sqlite3';
import type { Database as Db } from 'better-sqlite3';
import { migrate } from './migrate';
import { migrations } from './migrations';

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
    migrate(db, migrations);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
