import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { parsePhone } from '../../../shared/phone/phone';
import { openDatabase } from '../db/connection';
import { runCli } from './cli';
import { isValidVin, makeVin, meetingSubject, tagFor } from './compose';
import { generateDemo } from './generate';
import { generateDemoFile } from './parallel';
import { FICTIONAL_SIZE, demoPhone } from './phone-space';
import { Prng } from './prng';
import { RESERVED_NUMBERS } from './scenarios';

const NOW = new Date('2026-03-10T18:05:00Z');
const dirs: string[] = [];
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'poste-demo-'));
  dirs.push(dir);
  return dir;
};
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the demo phone numbers', () => {
  it('never repeat, never take a scenario number, and all parse as Québec numbers', () => {
    const seen = new Set<string>();
    const problems: string[] = [];
    for (let k = 0; k < 120_000; k++) {
      const e164 = demoPhone(k);
      if (seen.has(e164) || RESERVED_NUMBERS.has(e164)) problems.push(`${k}: ${e164} repeats`);
      seen.add(e164);
      if (k % 101 === 0) {
        const parsed = parsePhone(e164);
        if (!parsed.ok || parsed.e164 !== e164) problems.push(`${k}: ${e164} does not parse`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('use the fictional 555 exchange for small demos', () => {
    for (let k = 0; k < FICTIONAL_SIZE; k += 97) expect(demoPhone(k)).toMatch(/^\+1\d{3}555(0[2-9]|[1-9]\d)\d\d$/);
  });
});

describe('the composers', () => {
  it('make VINs of 17 allowed characters with a right check digit', () => {
    const rng = new Prng(5);
    for (let i = 0; i < 500; i++) {
      const vin = makeVin(rng, '2T3', 2020 + (i % 7));
      expect(vin).toMatch(/^[A-HJ-NPR-Z0-9]{17}$/);
      expect(isValidVin(vin)).toBe(true);
    }
    expect(isValidVin('1M8GDM9AXKP042788')).toBe(true); // the textbook example
    expect(isValidVin('1M8GDM9A1KP042788')).toBe(false);
  });

  it('write MT-1 subjects and MT-2 tags', () => {
    expect(meetingSubject('inventory', 'Éloïse', null)).toBe('ÉLOÏSE / INVENTAIRE');
    expect(meetingSubject('stock', 'Marc', 'S12345')).toBe('MARC / S12345');
    expect(meetingSubject('deposit', 'Marc', 'S12345')).toBe('DÉPÔT / MARC / S12345');
    expect(meetingSubject('virtual', 'Marc', 'S12345')).toBe('VIRTUEL / MARC / S12345');
    expect(meetingSubject('transfer', 'Marc', 'S12345')).toBe('TRANSFERT / MARC / S12345');
    expect([tagFor('deposit'), tagFor('stock'), tagFor('inventory'), tagFor(null)]).toEqual([
      'platine',
      'or',
      'argent',
      'bronze',
    ]);
  });
});

describe('the demo on two processes', () => {
  it('writes exactly the rows of the one-process generator', async () => {
    const dir = tempDir();
    const file = join(dir, 'poste.sqlite');
    const summary = await generateDemoFile(file, { clients: 1500, seed: 11, now: NOW }, { parallel: true });
    const single = openDatabase(':memory:');
    const expected = generateDemo(single, { clients: 1500, seed: 11, now: NOW });
    expect(summary).toEqual(expected);
    const db = openDatabase(file);
    try {
      for (const table of [
        'agents',
        'agent_shifts',
        'clients',
        'client_phones',
        'client_emails',
        'opportunities',
        'meetings',
        'activities',
        'texts',
        'chats',
        'call_log',
        'sms_templates',
        'result_choices',
        'branches',
      ]) {
        const dump = (d: Database.Database) => d.prepare(`SELECT * FROM ${table} ORDER BY id`).all();
        expect(dump(db), table).toEqual(dump(single));
      }
      expect(db.prepare('SELECT count(*) n FROM client_search').get()).toEqual({ n: 1500 });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
      single.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes('demo-part'))).toEqual([]);
  }, 60_000);

  it('on failure leaves the database as it was and no scratch file behind', async () => {
    // A phone row already holding the id the demo will give its first phone: the parent's
    // insert fails half-way, with the helper process still writing.
    const reference = openDatabase(':memory:');
    generateDemo(reference, { clients: 1500, seed: 12, now: NOW });
    const taken = reference.prepare('SELECT id FROM client_phones ORDER BY id LIMIT 1').get() as { id: string };
    reference.close();
    const dir = tempDir();
    const file = join(dir, 'poste.sqlite');
    const before = openDatabase(file);
    before.pragma('foreign_keys = OFF');
    before
      .prepare(
        "INSERT INTO client_phones (id, client_id, e164, kind, created_at, updated_at) VALUES (?, 'gone', '+15145550100', 'home', 'x', 'x')",
      )
      .run(taken.id);
    before.close();

    await expect(generateDemoFile(file, { clients: 1500, seed: 12, now: NOW }, { parallel: true })).rejects.toThrow(
      /UNIQUE constraint failed: client_phones\.id/,
    );
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT count(*) AS n FROM client_phones').get()).toEqual({ n: 1 });
      expect(db.prepare('SELECT count(*) AS n FROM agents').get()).toEqual({ n: 0 });
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      expect(db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index'").get()).toEqual(indexCount());
    } finally {
      db.close();
    }
    expect(readdirSync(dir).filter((f) => f.includes('demo-part'))).toEqual([]);
  }, 60_000);
});

/** How many indexes a fresh cache has (a failed load must not leave any dropped). */
function indexCount(): { n: number } {
  const db = openDatabase(':memory:');
  try {
    return db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE type = 'index'").get() as { n: number };
  } finally {
    db.close();
  }
}

describe('the command line', () => {
  const io = () => {
    const out: string[] = [];
    const err: string[] = [];
    return {
      out,
      err,
      io: { out: (t: string) => void out.push(t), err: (t: string) => void err.push(t), now: () => NOW },
    };
  };

  it.each([
    [[]],
    [['--clients', '200']],
    [['--data', '/tmp/x']],
    [['--clients', '0', '--data', '/tmp/x']],
    [['--clients', '1000001', '--data', '/tmp/x']],
    [['--clients', 'ten', '--data', '/tmp/x']],
    [['--clients', '10', '--data', '/tmp/x', '--seed', 'abc']],
    [['--clients', '10', '--data', '/tmp/x', '--now', 'yesterday']],
    [['--clients', '10', '--data', '/tmp/x', '--force']],
    [['--clients', '10', '--clients', '20', '--data', '/tmp/x']],
  ])('explains bad arguments %j on stderr and exits with 2', async (argv) => {
    const t = io();
    expect(await runCli(argv, t.io)).toBe(2);
    expect(t.out).toEqual([]);
    expect(t.err.join('')).toMatch(/^demo: .+\nusage: /);
  });

  it('creates DIR/poste.sqlite, prints one line, and refuses to generate twice', async () => {
    const dir = join(tempDir(), 'data');
    const t = io();
    expect(await runCli(['--clients', '200', '--data', dir, '--seed', '3'], t.io)).toBe(0);
    expect(t.err).toEqual([]);
    expect(t.out).toHaveLength(1);
    expect(t.out[0]).toMatch(
      /^demo: 200 clients, \d+ phones, \d+ opportunities, 12 agents in .*poste\.sqlite \(seed 3, [\d.]+ s\)\n$/,
    );
    const db = new Database(join(dir, 'poste.sqlite'), { readonly: true });
    expect(db.prepare('SELECT count(*) n FROM clients').get()).toEqual({ n: 200 });
    db.close();

    const again = io();
    expect(await runCli(['--clients=200', `--data=${dir}`], again.io)).toBe(1);
    expect(again.err.join('')).toMatch(/already has 200 clients/);
  });
});
