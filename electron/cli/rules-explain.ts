/**
 * `tsx electron/cli/rules-explain.ts FILE...` (npm run rules:explain -- FILE...)
 *
 * Reads each scenario file in order and prints one verdict JSON per line on stdout. A file may
 * hold a bare scenario, or a test fixture `{ title, scenario, expect }` (its `scenario` is used).
 * A file that cannot be read, is not JSON or is not a valid scenario is reported on stderr with
 * the file and the field path; the other files are still explained, and the exit code is 1.
 * Usage errors (no file) exit with 2.
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { decide, parseScenario } from '../../shared/rules';
import type { Verdict } from '../../shared/rules';

/** One file's result: its verdict, or why it was rejected. */
export type ExplainResult = { ok: true; file: string; verdict: Verdict } | { ok: false; file: string; message: string };

/** Unwraps a fixture `{ scenario, expect }`; a bare scenario is returned as is. */
function scenarioOf(json: unknown): { value: unknown; prefix: string } {
  if (typeof json === 'object' && json !== null && !('now' in json) && 'scenario' in json) {
    return { value: (json as { scenario: unknown }).scenario, prefix: 'scenario.' };
  }
  return { value: json, prefix: '' };
}

/** Reads, validates and decides one scenario file. Never throws. */
export function explainFile(file: string, read: (path: string) => string): ExplainResult {
  let text: string;
  try {
    text = read(file);
  } catch (err) {
    return { ok: false, file, message: `cannot read file: ${(err as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    return { ok: false, file, message: `invalid JSON: ${(err as Error).message}` };
  }
  const { value, prefix } = scenarioOf(json);
  const parsed = parseScenario(value);
  if (!parsed.ok) {
    const path = parsed.error.path === '(root)' ? prefix.replace(/\.$/, '') || '(root)' : prefix + parsed.error.path;
    return { ok: false, file, message: `invalid scenario at ${path}: ${parsed.error.message}` };
  }
  return { ok: true, file, verdict: decide(parsed.value) };
}

/** Runs the command line; returns the exit code. */
export function main(
  args: readonly string[],
  out: (line: string) => void,
  err: (line: string) => void,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8'),
): number {
  if (args.length === 0) {
    err('usage: rules-explain FILE...  (prints one verdict JSON per line)');
    return 2;
  }
  let bad = 0;
  for (const file of args) {
    const result = explainFile(file, read);
    if (result.ok) {
      out(JSON.stringify(result.verdict));
    } else {
      bad += 1;
      err(`rules-explain: ${result.file}: ${result.message}`);
    }
  }
  if (bad > 0) err(`rules-explain: ${bad} of ${args.length} file(s) rejected`);
  return bad > 0 ? 1 : 0;
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  process.exitCode = main(
    process.argv.slice(2),
    (line) => process.stdout.write(`${line}\n`),
    (line) => process.stderr.write(`${line}\n`),
  );
}
