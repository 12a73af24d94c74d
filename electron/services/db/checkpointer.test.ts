import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { BACKSTOP_PAGES, startCheckpointer, withoutBackstop } from './checkpointer';
import { openDatabase } from './connection';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new cache file in a folder of its own, removed after the test. */
function tempDatabase() {
  const dir = mkdtempSync(join(tmpdir(), 'poste-checkpoint-'));
  dirs.push(dir);
  const file = join(dir, 'cache.sqlite');
  return { file, db: openDatabase(file) };
}

describe('the WAL checkpointer', () => {
  /** The better-sqlite3 the worker loads, when a test breaks it (made in the test's folder). */
  const exitingModule = (dir: string) => {
    // Loading it ends the worker thread quietly, without an error.
    const file = join(dir, 'exits.cjs');
    writeFileSync(file, 'process.exit(0);\n');
    return file;
  };
  const ways: { way: string; thread: boolean; sqliteModule?: (dir: string) => string }[] = [
    { way: 'timer', thread: false },
    { way: 'worker thread', thread: true },
    { way: 'worker that cannot load SQLite, then a timer', thread: true, sqliteModule: () => '/nonexistent/better-sqlite3.js' },
    { way: 'worker that exits without an error, then a timer', thread: true, sqliteModule: exitingModule },
  ];
  for (const { way, thread, sqliteModule: moduleIn } of ways) {
    it(`moves committed pages into the database between writes, not inside them (${way})`, async () => {
      const { file, db } = tempDatabase();
      const sqliteModule = moduleIn?.(dirname(file));
      const warnings: string[] = [];
      const logger = { ...silentLogger, warn: (message: string) => void warnings.push(message) };
      const checkpointer = startCheckpointer(db, logger, { everyMs: 50, thread, ...(sqliteModule ? { sqliteModule } : {}) });
      expect(checkpointer.mode).toBe(thread ? 'worker' : 'timer');
      // With a worker, this thread never checkpoints inside a commit (until the worker fails).
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(thread ? 0 : BACKSTOP_PAGES);
      db.exec('CREATE TABLE filler (b BLOB) STRICT');
      db.pragma('wal_checkpoint(TRUNCATE)');
      const before = statSync(file).size;
      // 4 MB committed: over SQLite's default 1,000-page automatic checkpoint, under the backstop.
      const insert = db.prepare('INSERT INTO filler (b) VALUES (randomblob(1024))');
      db.transaction(() => {
        for (let i = 0; i < 4000; i++) insert.run();
      })();
      // The commit did not checkpoint: the pages are only in the WAL.
      expect(statSync(file).size).toBe(before);
      const deadline = Date.now() + 5000;
      while (statSync(file).size < before + 4_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(statSync(file).size).toBeGreaterThan(before + 4_000_000);
      // A failed worker's timer has the backstop back.
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(thread && !sqliteModule ? 0 : BACKSTOP_PAGES);
      await checkpointer.stop();
      expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
      // Said once when the worker fails, never when it is stopped (its exit then is expected).
      expect(warnings).toEqual(sqliteModule ? ['WAL checkpoint worker stopped; checkpointing on a timer'] : []);
      // Nothing else holds the file once stopped: closing the last connection removes the WAL.
      db.close();
      expect(existsSync(`${file}-wal`)).toBe(false);
    });
  }

  it('on the worker, looks again within moments while writes keep coming, however long its idle pace', async () => {
    const { file, db } = tempDatabase();
    // An idle pace of ten minutes: only the busy pace can move these pages in time.
    const checkpointer = startCheckpointer(db, silentLogger, { everyMs: 600_000, busyEveryMs: 20, thread: true });
    db.exec('CREATE TABLE filler (b BLOB) STRICT');
    const insert = db.prepare('INSERT INTO filler (b) VALUES (randomblob(1024))');
    for (let round = 1; round <= 3; round++) {
      db.transaction(() => {
        for (let i = 0; i < 2000; i++) insert.run();
      })();
      const deadline = Date.now() + 10_000;
      while (statSync(file).size < round * 2_000_000 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(statSync(file).size).toBeGreaterThan(round * 2_000_000);
    }
    await checkpointer.stop();
    db.close();
  });

  it('on the worker, the first small write after a commit past the backstop does not copy the WAL back on this thread', async () => {
    const { file, db } = tempDatabase();
    // Paces of ten minutes: the worker never looks during the test, so only this thread could.
    const checkpointer = startCheckpointer(db, silentLogger, { everyMs: 600_000, busyEveryMs: 600_000, thread: true });
    db.exec('CREATE TABLE filler (b BLOB) STRICT');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    const insert = db.prepare('INSERT INTO filler (b) VALUES (randomblob(4000))');
    // A big import's WAL, past the 64 MB backstop…
    withoutBackstop(db, () =>
      db.transaction(() => {
        for (let i = 0; i < BACKSTOP_PAGES + 100; i++) insert.run();
      })(),
    );
    // …then an agent's small write: it commits to the WAL and returns (with a backstop in
    // place, this commit copied all of it into the database file first).
    insert.run();
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(BACKSTOP_PAGES * 4096);
    await checkpointer.stop();
    db.close();
  });

  it('withoutBackstop: a large commit leaves its pages in the WAL, and the backstop is back after it, even on failure', () => {
    const { file, db } = tempDatabase();
    db.pragma('wal_autocheckpoint = 100');
    db.exec('CREATE TABLE filler (b BLOB) STRICT');
    db.pragma('wal_checkpoint(TRUNCATE)');
    const before = statSync(file).size;
    const insert = db.prepare('INSERT INTO filler (b) VALUES (randomblob(1024))');
    const fill = db.transaction((n: number) => {
      for (let i = 0; i < n; i++) insert.run();
    });
    withoutBackstop(db, () => fill(2000));
    // 2 MB committed past a 100-page backstop, and the database file has not grown.
    expect(statSync(file).size).toBe(before);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
    expect(() =>
      withoutBackstop(db, () => {
        throw new Error('bad file');
      }),
    ).toThrow('bad file');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(100);
    // The same commit with the backstop in place copies the pages in before it returns.
    fill(10);
    expect(statSync(file).size).toBeGreaterThan(before + 2_000_000);
    db.close();
  });

  it('keeps a process that awaits stop() alive until the worker has closed its connection', () => {
    // In a process of its own: under the test runner something else always keeps it alive.
    const dir = mkdtempSync(join(tmpdir(), 'poste-checkpoint-'));
    dirs.push(dir);
    const root = resolve(import.meta.dirname, '../../..');
    const script = join(dir, 'stop.ts');
    writeFileSync(
      script,
      `import { existsSync } from 'node:fs';
import { openDatabase } from ${JSON.stringify(join(root, 'electron/services/db/connection.ts'))};
import { startCheckpointer } from ${JSON.stringify(join(root, 'electron/services/db/checkpointer.ts'))};
import { silentLogger } from ${JSON.stringify(join(root, 'electron/services/log/logger.ts'))};
const file = ${JSON.stringify(join(dir, 'cache.sqlite'))};
const db = openDatabase(file);
const checkpointer = startCheckpointer(db, silentLogger, { thread: true });
void (async () => {
  await checkpointer.stop();
  db.close();
  process.stdout.write(existsSync(file + '-wal') ? 'wal left' : 'closed');
})();
`,
    );
    const run = spawnSync(join(root, 'node_modules/.bin/tsx'), [script], { cwd: root, encoding: 'utf8', timeout: 30_000 });
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe('closed');
  });

  it('leaves an in-memory database (no WAL) as it is', () => {
    const db = openDatabase(':memory:');
    const checkpointer = startCheckpointer(db, silentLogger, { everyMs: 50, thread: true });
    expect(checkpointer.mode).toBe('none');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    void checkpointer.stop();
    db.close();
  });
});
