import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Database } from 'better-sqlite3';
import { createServices, type Services } from '../index';
import { memorySettingsStore } from '../settings/store';

/** Tests of this folder: real services on an in-memory cache, the clock pinned. */
export const FIXTURES = join(import.meta.dirname, '..', '..', '..', 'test', 'fixtures');

export function fixture(path: string): Uint8Array {
  return new Uint8Array(readFileSync(join(FIXTURES, path)));
}

export function testServices(now: string | (() => Date) = '2026-03-10T14:00:00.000Z'): Services {
  return createServices({
    databaseFile: ':memory:',
    settings: memorySettingsStore(),
    host: 'web',
    version: '0.0.0-test',
    now: typeof now === 'string' ? () => new Date(now) : now,
  });
}

/** Row counts of every table an import or a merge writes: "nothing changed" is these equal. */
const TABLES = ['clients', 'client_phones', 'client_emails', 'opportunities', 'activities', 'meetings', 'texts', 'client_search'] as const;

export function snapshot(db: Database): Record<(typeof TABLES)[number], number> {
  return Object.fromEntries(TABLES.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM ${t}`).get() as { n: number }).n])) as Record<(typeof TABLES)[number], number>;
}
