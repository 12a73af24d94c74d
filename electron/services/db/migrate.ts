import type { Database } from 'better-sqlite3';

/** One forward-only step of the schema; `up` is SQL run in one transaction. */
export interface Migration {
  version: number;
  name: string;
  up: string;
}

/** Thrown when the database was written by a newer Poste: never touch it. */
export class NewerDatabaseError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `This database was created by a newer version of Poste (schema ${found}; this version knows up to ${supported}). ` +
        'Update Poste; the database was left untouched.',
    );
    this.name = 'NewerDatabaseError';
  }
}

/**
 * Brings a database forward to the last migration. Each migration runs in its own
 * transaction with the `user_version` bump, so a crash leaves the previous version intact.
 */
export function migrate(db: Database, migrations: readonly Migration[]): { from: number; to: number } {
  const sorted = [...migrations].sort((a, b) => a.version - b.version);
  sorted.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration ${m.name} has version ${m.version}, expected ${i + 1}`);
  });
  const latest = sorted.length;
  const from = db.pragma('user_version', { simple: true }) as number;
  if (from > latest) throw new NewerDatabaseError(from, latest);
  for (const migration of sorted.slice(from)) {
    db.transaction(() => {
      db.exec(migration.up);
      db.pragma(`user_version = ${migration.version}`);
    })();
  }
  return { from, to: latest };
}
