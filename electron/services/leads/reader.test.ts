import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, describe, expect, it } from 'vitest';
import { DecodeError } from './decode';
import { EmlError } from './eml';
import { importLeadFile, importLeadFiles, MAX_IMPORT_BYTES } from './importer';
import { ImportError } from './lead-input';
import { readLeadFile, type LeadFileContext } from './read-file';
import { leadFileReader, startReadWorker, type LeadFileReader } from './reader';
import { fixture, snapshot, testServices } from './test-support';

const CONTEXT: LeadFileContext = { nowMs: Date.parse('2026-03-10T14:00:00.000Z'), timeZone: 'America/Toronto' };
const FILES = [
  'adf/oem-toyota-ca.xml',
  'adf/spec-example.xml',
  'adf/cargurus.xml',
  'adf/dealer-website-latin1.xml',
  'adf/eml/ford-oem-quoted-printable.eml',
  'adf/eml/kijiji-base64-attachment.eml',
  'adf/eml/crm-forward-html-escaped.eml',
];
const UNREADABLE = [
  'adf/hostile/truncated.xml',
  'adf/hostile/wrong-root.xml',
  'adf/hostile/entity-expansion.xml',
  'adf/hostile/bad-encoding.xml',
  'adf/hostile/binary.xml',
  'adf/eml/no-adf.eml',
];

/** What reading on this thread gives: the leads, or the error's class and content. */
function readHere(path: string) {
  try {
    return { ok: readLeadFile(path, fixture(path), CONTEXT) };
  } catch (error) {
    return { error };
  }
}

/** A worker from source text, for the failures the reader must survive. */
const evalWorker = (source: string) => () => new Worker(source, { eval: true });

const readers: LeadFileReader[] = [];
function reader(start?: () => Worker) {
  const warnings: string[] = [];
  const r = leadFileReader({ warn: (message) => warnings.push(message) }, start);
  readers.push(r);
  return { r, warnings };
}
afterEach(async () => {
  for (const r of readers.splice(0)) await r.close();
});

describe('the lead reader thread', () => {
  it('reads every kind of lead file on its worker exactly as this thread does', async () => {
    let replies = 0;
    const { r, warnings } = reader(() => {
      const worker = startReadWorker();
      worker.on('message', () => replies++);
      return worker;
    });
    // All sent at once: the replies come back to the right file.
    const results = await Promise.all(FILES.map((path) => r.read(path, fixture(path), CONTEXT)));
    expect(results.map((result) => result.leads.length).every((n) => n > 0)).toBe(true);
    results.forEach((result, i) => expect(result).toEqual(readHere(FILES[i]!).ok));
    expect(replies).toBe(FILES.length);
    expect(warnings).toEqual([]);
  });

  it("the Electron build's worker bundle (lead-reader.mjs) reads as this thread does", async () => {
    const outdir = mkdtempSync(join(tmpdir(), 'poste-bundle-'));
    try {
      const built = spawnSync(process.execPath, ['scripts/build-electron.mjs', '--outdir', outdir], {
        encoding: 'utf8',
      });
      expect(built.status, built.stderr).toBe(0);
      const { r, warnings } = reader(() => new Worker(join(outdir, 'lead-reader.mjs')));
      const results = await Promise.all(FILES.map((path) => r.read(path, fixture(path), CONTEXT)));
      results.forEach((result, i) => expect(result).toEqual(readHere(FILES[i]!).ok));
      await expect(r.read('t.xml', fixture(UNREADABLE[0]!), CONTEXT)).rejects.toBeInstanceOf(ImportError);
      expect(warnings).toEqual([]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  }, 30_000);

  it("a file the worker cannot read fails with this thread's own error, problems and lines included", async () => {
    const { r, warnings } = reader();
    for (const path of UNREADABLE) {
      const here = readHere(path).error as Error;
      expect(here).toBeInstanceOf(Error);
      const there = await r.read(path, fixture(path), CONTEXT).then(
        () => null,
        (error: unknown) => error as Error,
      );
      expect(there?.constructor).toBe(here.constructor);
      expect(there?.message).toBe(here.message);
      if (here instanceof ImportError) expect((there as ImportError).problems).toEqual(here.problems);
      if (here instanceof DecodeError) expect([(there as DecodeError).code, (there as DecodeError).params, (there as DecodeError).line]).toEqual([here.code, here.params, here.line]);
      if (here instanceof EmlError) expect([(there as EmlError).code, (there as EmlError).params]).toEqual([here.code, here.params]);
    }
    expect(UNREADABLE.map((path) => (readHere(path).error as Error).constructor)).toEqual(
      expect.arrayContaining([ImportError, EmlError]),
    );
    expect(warnings).toEqual([]);
  });

  it('a worker that cannot start: files are read on this thread, and that is logged once', async () => {
    const { r, warnings } = reader(evalWorker('throw new Error("no reader here")'));
    const first = await r.read(FILES[0]!, fixture(FILES[0]!), CONTEXT);
    const second = await r.read(FILES[4]!, fixture(FILES[4]!), CONTEXT);
    expect(first).toEqual(readHere(FILES[0]!).ok);
    expect(second).toEqual(readHere(FILES[4]!).ok);
    expect(warnings).toHaveLength(1);
  });

  it('a worker that dies with files in hand: those files are read on this thread all the same', async () => {
    const exits = "require('node:worker_threads').parentPort.on('message', () => process.exit(3));";
    const { r, warnings } = reader(evalWorker(exits));
    const results = await Promise.all(FILES.slice(0, 3).map((path) => r.read(path, fixture(path), CONTEXT)));
    results.forEach((result, i) => expect(result).toEqual(readHere(FILES[i]!).ok));
    expect(warnings).toHaveLength(1);
  });

  it('once closed, it refuses reads instead of leaving them waiting', async () => {
    const { r } = reader(evalWorker("require('node:worker_threads').parentPort.on('message', () => {});"));
    const refused = expect(r.read(FILES[0]!, fixture(FILES[0]!), CONTEXT)).rejects.toThrow('the lead reader is closed');
    await r.close();
    await refused;
    await expect(r.read(FILES[0]!, fixture(FILES[0]!), CONTEXT)).rejects.toThrow('the lead reader is closed');
  });
});

describe('several lead files at once (the picker)', () => {
  it("leaves the host's thread free between files, even when every read is already back", async () => {
    const s = testServices();
    // Reads that resolve at once: the loop could run to the end on microtasks alone.
    const ready: LeadFileReader = {
      read: (name, bytes, context) => Promise.resolve(readLeadFile(name, bytes, context)),
      close: () => Promise.resolve(),
    };
    const files = FILES.map((path) => ({ name: path.split('/').pop()!, bytes: fixture(path) }));
    let written = 0;
    let writtenWhenOthersRan: number | null = null;
    setImmediate(() => (writtenWhenOthersRan = written));
    await importLeadFiles(s.context, files, 'picker', ready, () => written++);
    expect(written).toBe(FILES.length);
    expect(writtenWhenOthersRan).toBe(1);
    await s.close();
  });

  it('gives the same reports and the same cache as importing them one by one, in order', async () => {
    const oversized = new Uint8Array(MAX_IMPORT_BYTES + 1);
    const picked = [
      ...FILES.map((path) => ({ name: path.split('/').pop()!, bytes: fixture(path) })),
      { name: 'truncated.xml', bytes: fixture('adf/hostile/truncated.xml') },
      { name: 'huge.xml', bytes: oversized },
      // The same lead again: a duplicate, nothing changes.
      { name: 'again.xml', bytes: fixture('adf/oem-toyota-ca.xml') },
    ];
    const together = testServices();
    const oneByOne = testServices();
    const { r } = reader();
    const reports = await importLeadFiles(together.context, picked, 'picker', r);
    const expected = picked.map((f) => importLeadFile(oneByOne.context, f.name, f.bytes, 'picker'));
    const view = (list: typeof reports) =>
      list.map(({ clientIds, opportunityIds, ...rest }) => ({
        ...rest,
        clients: clientIds.length,
        opportunities: opportunityIds.length,
      }));
    expect(view(reports)).toEqual(view(expected));
    expect(reports.map((x) => x.status)).toEqual([...FILES.map(() => 'imported'), 'failed', 'failed', 'imported']);
    expect(reports.at(-1)).toMatchObject({ duplicates: 1, leads: 1 });
    expect(snapshot(together.db)).toEqual(snapshot(oneByOne.db));
    const batches = (s: typeof together) =>
      s.db
        .prepare(
          'SELECT file_name, status, leads, created_clients, joined_clients, duplicates, errors FROM lead_import_batches ORDER BY rowid',
        )
        .all();
    expect(batches(together)).toEqual(batches(oneByOne));
    await together.close();
    await oneByOne.close();
  });
});
