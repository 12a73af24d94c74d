import type { Database } from 'better-sqlite3';
import { generateDemo } from './demo/generate';
import type { Logger } from './log/logger';

/** The first run of a console with no data loads the demo set (200 clients). */
export function seedDemoIfEmpty(db: Database, now: Date, logger: Logger, clients = 200): boolean {
  const existing = db.prepare<[], { n: number }>('SELECT count(*) AS n FROM agents').get()?.n ?? 0;
  if (existing > 0) return false;
  const summary = generateDemo(db, { clients, now });
  logger.info('demo data loaded', { ...summary });
  return true;
}
