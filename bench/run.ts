/**
 * `npm run bench [-- --quick] [-- --json] [-- --clients N]`: the performance budget of
 * architecture.md, measured on a demo database of 1,000,000 clients (100,000 with --quick),
 * built once and cached in the system's temporary folder. Each query figure is printed beside
 * the floor measured in the same run (a prepared SELECT 1) and the naive way (a LIKE scan).
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { migrations } from '../electron/services/db/migrations';
import { generateDemoFile } from '../electron/services/demo/parallel';
import { openDatabase as openCache } from '../electron/services/db/connection';
import { createServices } from '../electron/services';
import { memorySettingsStore } from '../electron/services/settings/store';
import { json, latency, table, type Figure } from './measure';
import { extraFigures } from './extra';
import { measureLeads } from './leads';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const asJson = args.includes('--json');
/** Only the figures measured in this process (no Chromium, Kamailio or PostgreSQL). */
const core = args.includes('--core');
const clientsArg = args.indexOf('--clients');
const clients = clientsArg >= 0 ? Number(args[clientsArg + 1]) : quick ? 100_000 : 1_000_000;
if (!Number.isInteger(clients) || clients < 1000 || clients > 1_000_000) {
  process.stderr.write('bench: --clients takes a number from 1,000 to 1,000,000\n');
  process.exit(2);
}
/** The demo is generated relative to a fixed instant so the cached database stays valid. */
const NOW = new Date('2026-11-23T15:00:00.000Z');

function say(line: string): void {
  if (!asJson) process.stderr.write(`${line}\n`);
}

async function cachedDatabase(): Promise<string> {
  const dir = join(tmpdir(), 'poste-bench');
  mkdirSync(dir, { recursive: true });
  // The cache is keyed by the schema itself, so a changed migration builds a new database.
  const schema = createHash('sha256').update(migrations.map((m) => m.up).join('\n')).digest('hex').slice(0, 10);
  const file = join(dir, `demo-${clients}-${schema}.sqlite`);
  if (existsSync(file)) return file;
  const building = `${file}.building`;
  rmSync(building, { force: true });
  say(`bench: building a ${clients.toLocaleString('en-CA')}-client demo database (cached in ${dir})…`);
  const started = Date.now();
  await generateDemoFile(building, { clients, now: NOW }, { parallel: clients >= 200_000 });
  const db = openCache(building);
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.exec('ANALYZE');
  db.close();
  renameSync(building, file);
  say(`bench: built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return file;
}

async function main(): Promise<void> {
  const file = await cachedDatabase();
  const services = createServices({
    databaseFile: file,
    settings: memorySettingsStore(),
    host: 'web',
    version: 'bench',
    now: () => NOW,
  });
  const db = services.db;
  const raw = new Database(file, { readonly: true });
  const select1 = raw.prepare('SELECT 1');
  const floor = latency(() => select1.get(), 20_000).p50;

  const phoneCount = (db.prepare('SELECT max(rowid) AS n FROM client_phones').get() as { n: number }).n;
  const phoneAt = db.prepare<[number], { e164: string }>('SELECT e164 FROM client_phones WHERE rowid = ?');
  let seed = 12345;
  const nextRandom = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const numbers: string[] = [];
  while (numbers.length < 5000) {
    const row = phoneAt.get(1 + Math.floor(nextRandom() * phoneCount));
    if (row) numbers.push(row.e164);
  }
  const figures: Figure[] = [];

  say('bench: caller lookup…');
  const byPhone = db.prepare<[string], { client_id: string }>('SELECT client_id FROM client_phones WHERE e164 = ?');
  const naiveLookup = db.prepare<[string], { client_id: string }>("SELECT client_id FROM client_phones WHERE e164 LIKE '%' || ? || '%'");
  const lookup = latency((i) => byPhone.all(numbers[i % numbers.length] ?? ''), 50_000);
  const naive = latency((i) => naiveLookup.all((numbers[i] ?? '').slice(2)), quick ? 20 : 5, 1);
  const phones = (db.prepare('SELECT count(*) AS n FROM client_phones').get() as { n: number }).n;
  figures.push({ name: `caller lookup (${clients.toLocaleString('en-CA')} clients, ${phones.toLocaleString('en-CA')} phones)`, unit: 'ms', ...lookup, budget: 0.2, kind: 'max', on: 'p99', floor, naive: naive.p50, note: "LIKE '%digits%'" });

  say('bench: inbound verdict…');
  const verdict = latency((i) => services.inbound.preview(numbers[i % numbers.length] ?? '', 'phone'), quick ? 5_000 : 10_000);
  figures.push({ name: 'inbound verdict (lookup + record read + rules)', unit: 'ms', ...verdict, budget: 2, kind: 'max', on: 'p99', floor });

  say('bench: search as you type…');
  const typed = ['Tre', 'Tremb', 'Gagn', 'Côté', 'Lav', 'julie', 'marie.g', '514555', '438 555 01', '(450) 555-0', 'Bélanger M', 'smith'];
  const search = services.handlers['contacts:search'];
  const naiveSearch = db.prepare("SELECT id FROM clients WHERE first_name || ' ' || last_name LIKE '%' || ? || '%' LIMIT 20");
  const typing = latency((i) => search({ query: typed[i % typed.length] ?? '', limit: 20 }), quick ? 2_000 : 3_000, 50);
  const naiveTyping = latency((i) => naiveSearch.all(typed[i % typed.length] ?? ''), 12, 1);
  figures.push({ name: 'search as you type', unit: 'ms', ...typing, budget: 10, kind: 'max', on: 'p95', floor, naive: naiveTyping.p50, note: "LIKE '%text%'" });

  // Imports and the queue write: measured on a copy of the cached database.
  figures.push(...(await measureLeads({ file, now: NOW, quick, say })));

  if (!core) figures.push(...(await extraFigures({ services, file, clients, floor, quick, say, now: NOW })));

  raw.close();
  await services.close();
  if (asJson) for (const figure of figures) process.stdout.write(`${json(figure)}\n`);
  else process.stdout.write(`\n${table(figures)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
