import type { Database } from 'better-sqlite3';
import type { ClientBase } from 'pg';
import { SYNCED_TABLES } from './tables';

/**
 * Publishes a whole cache to the team database (run by the owner, once): how a centre that
 * ran standalone seeds its team database, and how the bench fills one. Rows the server
 * already has are left alone. Multi-row INSERTs in one transaction; returns rows sent.
 */
export async function uploadCache(db: Database, client: ClientBase, rowsPerStatement = 1000): Promise<number> {
  let sent = 0;
  await client.query('BEGIN');
  try {
    for (const t of SYNCED_TABLES) {
      const cols = t.columns;
      const per = Math.max(1, Math.min(rowsPerStatement, Math.floor(60_000 / cols.length)));
      const read = db.prepare(`SELECT ${cols.join(', ')} FROM ${t.name}`).raw(true);
      let batch: unknown[][] = [];
      const flush = async () => {
        if (!batch.length) return;
        const values = batch
          .map((_, r) => `(${cols.map((__, i) => `$${r * cols.length + i + 1}`).join(', ')})`)
          .join(', ');
        await client.query(
          `INSERT INTO ${t.name} (${cols.map((c) => `"${c}"`).join(', ')}) VALUES ${values} ON CONFLICT (id) DO NOTHING`,
          batch.flat(),
        );
        sent += batch.length;
        batch = [];
      };
      for (const row of read.iterate() as Iterable<unknown[]>) {
        batch.push(row);
        if (batch.length >= per) await flush();
      }
      await flush();
    }
    await client.query('COMMIT');
    return sent;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
