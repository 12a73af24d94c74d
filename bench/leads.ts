/**
 * The leads figures of the budget (issue 6), measured on a COPY of the cached demo database so
 * the cache stays as built: ADF/XML import (leads/s), CSV import (rows/s), and « Lead suivant »
 * (the queue head handed out, p99). Imports run through the console's own entry points, commit
 * included: the ADF files as one pick (`leads:importFiles`), the CSV as `leads:importCsv` does
 * after decoding. A tenth of the leads carry the number of an existing client, so they join it
 * (NL-1) instead of creating one, as real leads do.
 * `npx tsx bench/leads.ts <database file>` prints them alone.
 */
import Database from 'better-sqlite3';
import { closeSync, copyFileSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { createServices } from '../electron/services';
import { importCsvText } from '../electron/services/leads/importer';
import { queueService } from '../electron/services/leads/queue';
import { memorySettingsStore } from '../electron/services/settings/store';
import { DEFAULT_SETTINGS } from '../shared/domain/settings';
import { percentile, type Figure } from './measure';

const FIRST = ['Émilie', 'Mathieu', 'Geneviève', 'François', 'Chloé', 'Jérôme', 'Anaïs', 'Benoît', 'Noémie', 'Stéphane', 'Sarah', 'Kevin'];
const LAST = ['Tremblay', 'Gagnon', 'Côté', 'Bélanger', 'Lévesque', 'Bouchard', 'Gauthier', 'Morin', 'Lavoie', 'Fortin', 'Smith', 'Nguyen'];
const CARS = [['Toyota', 'RAV4'], ['Honda', 'Civic'], ['Hyundai', 'Kona'], ['Ford', 'F-150'], ['Mazda', 'CX-5'], ['Kia', 'Niro EV']] as const;
const PROVIDERS = ['AutoTrader.ca', 'Kijiji Autos', 'CarGurus', 'Toyota Canada', 'Site web du concessionnaire'];

/**
 * The `seq`-th fresh number of a run: area 367, which no demo client has, exchange 200–999,
 * so 8,000,000 distinct numbers; `seq` is never reused within a run (each lead that should
 * create a client does), and `run` moves the whole range so two runs on one copy differ too.
 */
const freshPhone = (run: number, seq: number) => {
  const k = (run * 131_071 + seq) % 8_000_000;
  return `+1367${200 + Math.floor(k / 10_000)}${String(k % 10_000).padStart(4, '0')}`;
};
/** First `seq` of each document, so no two share a fresh number. */
const ADF_SEQ = (file: number) => 1_000 + file * 1_000;
const WARM_UP_SEQ = 0;
const CSV_SEQ = 500_000;

function adfDocument(count: number, run: number, firstSeq: number, existing: readonly string[]): string {
  const parts = ['<?xml version="1.0" encoding="UTF-8"?>\n<?adf version="1.0"?>\n<adf>'];
  for (let i = 0; i < count; i++) {
    const [make, model] = CARS[i % CARS.length]!;
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const phone = i % 10 === 0 ? existing[(firstSeq + i) % existing.length]! : freshPhone(run, firstSeq + i);
    const provider = PROVIDERS[i % PROVIDERS.length]!;
    parts.push(`<prospect status="new">
<id sequence="1" source="${provider}">B${run}-${firstSeq + i}</id>
<requestdate>2026-11-23T08:${String(i % 60).padStart(2, '0')}:00-05:00</requestdate>
<vehicle interest="buy" status="${i % 3 ? 'used' : 'new'}"><year>${2020 + (i % 7)}</year><make>${make}</make><model>${model}</model><stock>S${i}</stock><trim>XLE</trim></vehicle>
<customer><contact primarycontact="1"><name part="first">${first}</name><name part="last">${last}</name>
<email>${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${last.toLowerCase()}.${run}.${firstSeq + i}@courriel.qc.ca</email>
<phone type="voice" time="evening">${phone}</phone></contact>
<comments>Est-ce que le véhicule est encore disponible? Échange possible.</comments></customer>
<vendor><vendorname>Toyota Laval</vendorname></vendor>
<provider><name part="full">${provider}</name></provider>
</prospect>`);
  }
  parts.push('</adf>');
  return parts.join('\n');
}

function csvDocument(count: number, run: number, existing: readonly string[]): string {
  const rows = ['Prénom,Nom,Téléphone,Courriel,Type,Source,ID,Date'];
  for (let i = 0; i < count; i++) {
    const first = FIRST[(i * 5) % FIRST.length]!;
    const last = LAST[(i * 3) % LAST.length]!;
    // Every tenth row joins a demo client, each a different one; the others are new clients.
    const phone = i % 10 === 0 ? existing[(i / 10) % existing.length]! : freshPhone(run, CSV_SEQ + i);
    rows.push(`${first},${last},${phone},${first.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()}.${run}.${i}@exemple.ca,internet,Export CRM,C${run}-${i},2026-11-22 14:00`);
  }
  return rows.join('\r\n');
}

export interface LeadsBenchOptions {
  file: string;
  now: Date;
  quick: boolean;
  say(line: string): void;
}

export async function measureLeads(options: LeadsBenchOptions): Promise<Figure[]> {
  const copy = `${options.file}.leads-bench`;
  options.say('bench: copying the demo database for the import and queue figures…');
  rmSync(copy, { force: true });
  rmSync(`${copy}-wal`, { force: true });
  // Whatever the WAL holds goes into the file first, so the copy is the whole database.
  const source = new Database(options.file);
  source.pragma('wal_checkpoint(TRUNCATE)');
  source.close();
  copyFileSync(options.file, copy);
  // The copy's pages are written out now, not by the first import's commit: a checkpoint
  // syncs the file, and would otherwise pay for the whole fresh copy of a ~3.6 GB database.
  const fd = openSync(copy, 'r+');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  const services = createServices({
    databaseFile: copy,
    settings: memorySettingsStore({ ...DEFAULT_SETTINGS, agentId: 'marc' }),
    host: 'web',
    version: 'bench',
    now: () => options.now,
    // As the hosts run (their background work is left off: no expiry pass during the timing).
    checkpointThread: true,
    // A warning here means a figure was not taken the way the console runs (say, the lead
    // reader's worker fell back to the main thread): it is printed with the figures.
    logger: {
      info() {},
      warn: (message, detail) => options.say(`bench: WARNING ${message} ${JSON.stringify(detail ?? {})}`),
      error: (message, detail) => options.say(`bench: ERROR ${message} ${JSON.stringify(detail ?? {})}`),
    },
  });
  try {
    const db = services.db;
    if (process.env.BENCH_CACHE) db.pragma(`cache_size = ${process.env.BENCH_CACHE}`);
    const existing = db.prepare<[], string>('SELECT e164 FROM client_phones WHERE rowid % 499 = 0 LIMIT 5000').pluck().all();
    const figures: Figure[] = [];
    const run = Date.now() % 100000;

    // ADF: files of 1,000 prospects (a provider's batch export), the first one as warm-up,
    // then twenty picked at once, as the agent does in the Imports panel: the console sends
    // them in one `leads:importFiles` call (base64, as over IPC), each file its own
    // transaction, the next one read on the reader's worker while this one is written.
    const adfLeads = options.quick ? 5_000 : 20_000;
    options.say(`bench: ADF/XML import of ${adfLeads.toLocaleString('en-CA')} leads…`);
    const pick = (name: string, text: string) => ({ name, base64: Buffer.from(text, 'utf8').toString('base64') });
    await services.handlers['leads:importFiles']({ files: [pick('warm-up.xml', adfDocument(200, run, WARM_UP_SEQ, existing))] });
    const files = Array.from({ length: adfLeads / 1000 }, (_, f) => pick(`bench-${f}.xml`, adfDocument(1000, run, ADF_SEQ(f), existing)));
    let started = performance.now();
    const { reports } = await services.handlers['leads:importFiles']({ files });
    const adfSeconds = (performance.now() - started) / 1000;
    for (const report of reports) {
      if (report.status !== 'imported' || report.leads !== 1000) throw new Error(`ADF import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    }
    figures.push({ name: 'ADF/XML import (files of 1,000 leads, a tenth joining a client)', unit: 'leads/s', value: adfLeads / adfSeconds, budget: 10_000, kind: 'min', on: 'value' });

    // CSV: one CRM export with its column mapping.
    const csvRows = options.quick ? 20_000 : 100_000;
    options.say(`bench: CSV import of ${csvRows.toLocaleString('en-CA')} rows…`);
    const csv = csvDocument(csvRows, run, existing);
    const mapping = { firstName: 0, lastName: 1, phone: 2, email: 3, type: 4, provider: 5, providerRef: 6, createdAt: 7 };
    started = performance.now();
    const report = importCsvText(services.context, csv, { mapping }, 'export.csv');
    const csvSeconds = (performance.now() - started) / 1000;
    if (report.status !== 'imported' || report.leads !== csvRows) throw new Error(`CSV import failed: ${JSON.stringify(report.errors.slice(0, 3))}`);
    figures.push({ name: `CSV import (${csvRows.toLocaleString('en-CA')} rows in one file, a tenth joining a client)`, unit: 'rows/s', value: csvRows / csvSeconds, budget: 50_000, kind: 'min', on: 'value' });

    // « Lead suivant »: each call hands out the head (one IMMEDIATE transaction, committed);
    // the lead is then marked treated, not timed, so the next call finds a new head, as an
    // agent working the queue does.
    options.say('bench: queue head (« Lead suivant »)…');
    const queue = queueService(services.context);
    const treat = db.prepare("UPDATE opportunities SET handled_by = 'marc', handled_at = ?, status = 'contacted' WHERE id = ?");
    const queued = (db.prepare('SELECT count(*) AS n FROM opportunities WHERE handled_by IS NULL').get() as { n: number }).n;
    const rounds = options.quick ? 1_000 : 3_000;
    const times: number[] = [];
    let first = 0;
    for (let i = 0; i < rounds + 50; i++) {
      const start = process.hrtime.bigint();
      const handed = queue.next();
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (i === 0) first = ms;
      if (i >= 50) times.push(ms);
      if (!handed) break;
      treat.run(options.now.toISOString(), handed.opportunityId);
    }
    // The first one comes right after the CSV file's commit, its 390 MB WAL still being
    // copied back on the checkpointer's worker: printed, not in the figure (warm-up).
    options.say(`bench: the first « Lead suivant » after the CSV import took ${first.toFixed(2)} ms`);
    times.sort((a, b) => a - b);
    const head = { p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99) };
    figures.push({ name: `queue head, « Lead suivant » (${queued.toLocaleString('en-CA')} leads untreated)`, unit: 'ms', ...head, budget: 1, kind: 'max', on: 'p99' });
    return figures;
  } finally {
    await services.close();
    rmSync(copy, { force: true });
    rmSync(`${copy}-wal`, { force: true });
    rmSync(`${copy}-shm`, { force: true });
  }
}

if (process.argv[1]?.endsWith('leads.ts')) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: npx tsx bench/leads.ts <database file>');
  const figures = await measureLeads({ file, now: new Date('2026-11-23T15:00:00.000Z'), quick: process.argv.includes('--quick'), say: (l) => process.stderr.write(`${l}\n`) });
  for (const f of figures) process.stdout.write(`${f.name}: ${f.value !== undefined ? Math.round(f.value) : `p50 ${f.p50?.toFixed(3)} p95 ${f.p95?.toFixed(3)} p99 ${f.p99?.toFixed(3)}`} ${f.unit}\n`);
}
