import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { addAgent, ALWAYS } from '../../../test/support/seed';
import { importAdfText, importCsvText } from './importer';
import { FIXTURES, snapshot, testServices } from './test-support';

/**
 * Random mutations of valid files — characters deleted, inserted, repeated, markup spliced in,
 * the file cut short — never crash the importer and never half-write: either the report says
 * imported and exactly its leads were written, or it says failed and no row changed.
 */
const VALID = readFileSync(join(FIXTURES, 'adf', 'cargurus.xml'), 'utf8');
const SNIPPETS = ['<', '>', '</', '/>', '&', '&amp;', '&#0;', '<!DOCTYPE x>', '<!ENTITY a "b">', '<![CDATA[', ']]>', '<!--', '-->', '<prospect>', '</prospect>', '<phone>', 'é', '\u0000', '"', "'", '=', '\n', '<?adf?>', '<adf>', '</adf>'];

const mutation = fc.oneof(
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.oneof(fc.constantFrom(...SNIPPETS), fc.string({ maxLength: 12 })) }),
  fc.record({ kind: fc.constant('repeat' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 200 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
);

function apply(text: string, mutations: { kind: string; at: number; length?: number; text?: string }[]): string {
  let t = text;
  for (const m of mutations) {
    const at = t.length ? m.at % t.length : 0;
    if (m.kind === 'delete') t = t.slice(0, at) + t.slice(at + (m.length ?? 1));
    else if (m.kind === 'insert') t = t.slice(0, at) + (m.text ?? '') + t.slice(at);
    else if (m.kind === 'repeat') t = t.slice(0, at + (m.length ?? 1)) + t.slice(at);
    else t = t.slice(0, at);
  }
  return t;
}

describe('imports under random mutations', () => {
  it('ADF: never a crash, never a half-write', () => {
    const s = testServices();
    addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
    let imported = 0;
    let failed = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 4 }), (mutations) => {
        const before = snapshot(s.db);
        const report = importAdfText(s.context, apply(VALID, mutations), 'mutant.xml');
        const after = snapshot(s.db);
        if (report.status === 'failed') {
          failed++;
          expect(report.errors.length).toBeGreaterThan(0);
          // Every problem has a code, so the console can word it in the agent's language.
          for (const problem of [...report.errors, ...report.warnings]) expect(problem.code, problem.message).toBeDefined();
          expect(after).toEqual(before);
        } else {
          imported++;
          const written = report.leads - report.duplicates;
          expect(after.opportunities - before.opportunities).toBe(written);
          expect(after.clients - before.clients).toBe(report.createdClients);
          expect(report.createdClients + report.joinedClients).toBe(written);
          expect(after.activities - before.activities).toBe(written);
        }
      }),
      { numRuns: 300, seed: 20260310 },
    );
    // Both outcomes were exercised.
    expect(imported).toBeGreaterThan(10);
    expect(failed).toBeGreaterThan(10);
    s.close();
  });

  it('CSV: never a crash, never a half-write', () => {
    const s = testServices();
    addAgent(s.db, { id: 'marc', name: 'Marc Gagnon', shifts: ALWAYS });
    const csv = readFileSync(join(FIXTURES, 'csv', 'crm-export-semicolon-bom.csv'), 'utf8');
    const mapping = { firstName: 0, lastName: 1, email: 2, mobilePhone: 3, homePhone: 4, language: 5, provider: 6, providerRef: 7, createdAt: 8, message: 13 };
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (mutations) => {
        const before = snapshot(s.db);
        const report = importCsvText(s.context, apply(csv, mutations), { mapping });
        const after = snapshot(s.db);
        for (const problem of [...report.errors, ...report.warnings]) expect(problem.code, problem.message).toBeDefined();
        if (report.status === 'failed') expect(after).toEqual(before);
        else expect(after.opportunities - before.opportunities).toBe(report.leads - report.duplicates);
      }),
      { numRuns: 200, seed: 4180 },
    );
    s.close();
  });
});
