import type { Database, Statement } from 'better-sqlite3';

/**
 * Prepares statements lazily, once per database, keyed by their text. Repositories call
 * `stmt(sql)` on every use; only the first call pays for `prepare`.
 */
export function statementCache(db: Database): <R = unknown>(sql: string) => Statement<unknown[], R> {
  const cache = new Map<string, Statement>();
  return <R>(sql: string) => {
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      cache.set(sql, statement);
    }
    return statement as Statement<unknown[], R>;
  };
}

/** Booleans are stored as 0/1 in STRICT INTEGER columns. */
export const bool = (value: number | null | undefined): boolean => value === 1;
