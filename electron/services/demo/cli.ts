/**
 * `tsx electron/services/demo/cli.ts --clients N --data DIR [--seed S] [--now ISO] [--time-zone TZ]`
 *
 * Creates (or opens) DIR/poste.sqlite, brings its schema forward and fills it with demo data.
 * Refuses a database that already has clients. Prints one summary line on stdout; bad
 * arguments are explained on stderr with exit code 2, other failures exit with 1.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_DEMO_SEED, DemoError, MAX_DEMO_CLIENTS } from './generate';
import { generateDemoFile } from './parallel';
import { errorMessage } from '../../../shared/error-message';

export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** The clock, for the default `--now`. */
  now(): Date;
}

export interface CliArgs {
  clients: number;
  data: string;
  seed: number;
  now: Date | null;
  timeZone: string | undefined;
}

const USAGE =
  'usage: demo --clients N --data DIR [--seed S] [--now 2026-03-10T14:05:00-04:00] [--time-zone America/Toronto]\n';

class UsageError extends Error {}

/** Parses the command line (without the node and script paths). */
export function parseArgs(argv: readonly string[]): CliArgs {
  const values = new Map<string, string>();
  const known = new Set(['--clients', '--data', '--seed', '--now', '--time-zone']);
  for (let i = 0; i < argv.length; i++) {
    const raw = argv[i] as string;
    const eq = raw.indexOf('=');
    const name = eq > 0 ? raw.slice(0, eq) : raw;
    if (!known.has(name)) throw new UsageError(`unknown argument: ${raw}`);
    const value = eq > 0 ? raw.slice(eq + 1) : argv[++i];
    if (value === undefined || value === '') throw new UsageError(`${name} needs a value`);
    if (values.has(name)) throw new UsageError(`${name} given twice`);
    values.set(name, value);
  }
  const clientsText = values.get('--clients');
  if (clientsText === undefined) throw new UsageError('--clients is required');
  if (!/^\d+$/.test(clientsText)) throw new UsageError(`--clients must be a whole number, got "${clientsText}"`);
  const clients = Number(clientsText);
  if (clients < 1 || clients > MAX_DEMO_CLIENTS) {
    throw new UsageError(`--clients must be from 1 to ${MAX_DEMO_CLIENTS}, got ${clientsText}`);
  }
  const data = values.get('--data');
  if (data === undefined) throw new UsageError('--data is required (the folder that holds poste.sqlite)');
  const seedText = values.get('--seed') ?? String(DEFAULT_DEMO_SEED);
  if (!/^-?\d{1,10}$/.test(seedText)) throw new UsageError(`--seed must be an integer, got "${seedText}"`);
  const nowText = values.get('--now');
  let now: Date | null = null;
  if (nowText !== undefined) {
    if (!/^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(nowText)) {
      throw new UsageError(`--now must be an ISO 8601 instant with an offset, got "${nowText}"`);
    }
    now = new Date(nowText);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now is not a valid date: "${nowText}"`);
  }
  return { clients, data, seed: Number(seedText), now, timeZone: values.get('--time-zone') };
}

/** Runs the command; resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`demo: ${error.message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
  const dir = resolve(args.data);
  const file = join(dir, 'poste.sqlite');
  try {
    mkdirSync(dir, { recursive: true });
    const started = performance.now();
    const summary = await generateDemoFile(file, {
      clients: args.clients,
      seed: args.seed,
      now: args.now ?? io.now(),
      ...(args.timeZone ? { timeZone: args.timeZone } : {}),
    });
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    io.out(
      `demo: ${summary.clients} clients, ${summary.phones} phones, ${summary.opportunities} opportunities, ` +
        `${summary.agents} agents in ${file} (seed ${args.seed}, ${seconds} s)\n`,
    );
    return 0;
  } catch (error) {
    const message = errorMessage(error);
    io.err(`demo: ${error instanceof DemoError ? '' : 'failed: '}${message} (${file})\n`);
    return 1;
  }
}

const invokedDirectly =
  process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (invokedDirectly) {
  void runCli(process.argv.slice(2), {
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    now: () => new Date(),
  }).then((code) => {
    process.exitCode = code;
  });
}
