/**
 * The rules:explain command line, run for real: one verdict JSON per line on stdout, bad files
 * named on stderr with the field path, exit code 1 when any file was rejected.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { verdictSchema } from '../../shared/rules';
import { main } from './rules-explain';

const ROOT = resolve(import.meta.dirname, '../..');
const CLI = join(ROOT, 'electron/cli/rules-explain.ts');
const TSX = join(ROOT, 'node_modules/.bin/tsx');
const FIXTURES = join(ROOT, 'test/fixtures/rules');
const PU_1B = join(FIXTURES, 'pu-1b--manager-on-a-call-book-and-tag-da.json');
const CB_1 = join(FIXTURES, 'cb-1--exactly-3h-counts.json');
const BAD_PRESENCE = join(FIXTURES, 'invalid/bad-presence.json');
const NOT_JSON = join(FIXTURES, 'invalid/not-json.json');

function run(...files: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(TSX, [CLI, ...files], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('rules-explain CLI (spawned)', () => {
  it('prints one verdict per file, in order, and exits 0', () => {
    const r = run(PU_1B, CB_1);
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('');
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((l) => verdictSchema.parse(JSON.parse(l)));
    expect(first?.decision).toBe('book_and_tag_da');
    expect(first?.rules[0]).toBe('PU-1b');
    expect(second?.transferTo).toBe('luc');
  });

  it('explains the valid files, names the bad ones with the field path, exits 1', () => {
    const r = run(PU_1B, BAD_PRESENCE, NOT_JSON, CB_1, join(FIXTURES, 'missing.json'));
    expect(r.status).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(JSON.parse(lines[0] ?? '').rules[0]).toBe('PU-1b');
    expect(JSON.parse(lines[1] ?? '').rules[0]).toBe('CB-1');
    expect(r.stderr).toContain('bad-presence.json');
    expect(r.stderr).toContain('scenario.agents.0.presence');
    expect(r.stderr).toContain('not-json.json');
    expect(r.stderr).toContain('invalid JSON');
    expect(r.stderr).toContain('missing.json');
    expect(r.stderr).toContain('cannot read file');
  });

  it('reads a bare scenario as well as a fixture', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rules-explain-'));
    const file = join(dir, 'bare.json');
    writeFileSync(
      file,
      JSON.stringify({ now: '2026-03-10T14:05:00-04:00', receiverId: 'marc', agents: [], client: null }),
    );
    const r = run(file);
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).decision).toBe('new_opportunity');
  });

  it('prints usage and exits 2 without files', () => {
    const r = run();
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('usage');
  });
});

describe('rules-explain main (in process)', () => {
  it('writes nothing but verdicts to the output', () => {
    const out: string[] = [];
    const err: string[] = [];
    const files: Record<string, string> = {
      'a.json': JSON.stringify({ now: '2026-03-10T14:05:00-04:00', receiverId: 'marc', agents: [], client: null }),
      'b.json': JSON.stringify({ now: 'later', receiverId: 'marc', agents: [], client: null }),
    };
    const read = (p: string): string => {
      const text = files[p];
      if (text === undefined) throw new Error('ENOENT');
      return text;
    };
    const code = main(
      ['a.json', 'b.json'],
      (l) => out.push(l),
      (l) => err.push(l),
      read,
    );
    expect(code).toBe(1);
    expect(out).toHaveLength(1);
    expect(err[0]).toBe('rules-explain: b.json: invalid scenario at now: Invalid ISO datetime');
  });
});
