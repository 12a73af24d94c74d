import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createServices } from '../services';
import { seedDemoIfEmpty } from '../services/demo-seed';
import { streamLogger } from '../services/log/logger';
import { memorySecretStore } from '../services/secrets/store';
import { DATABASE_FILE, defaultDataDir, SETTINGS_FILE } from '../services/paths';
import { fileSettingsStore } from '../services/settings/store';
import { sipAccountFromEnv } from './env-account';
import { startWebHost } from './server';
import { errorMessage } from '../../shared/error-message';

interface Args {
  port: number;
  data: string;
  open: boolean;
}

function fail(message: string): never {
  process.stderr.write(`poste web: ${message}\n`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { port: 0, data: defaultDataDir(), open: true };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => argv[++i] ?? fail(`${arg} needs a value`);
    if (arg === '--port') {
      const port = Number(value());
      if (!Number.isInteger(port) || port < 0 || port > 65535) fail('--port takes a number from 0 to 65535');
      args.port = port;
    } else if (arg === '--data') args.data = resolve(value());
    else if (arg === '--no-open') args.open = false;
    else fail(`unknown argument ${arg} (known: --port P, --data DIR, --no-open)`);
  }
  return args;
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return;
  const child = spawn(command, [url], { stdio: 'ignore', detached: true });
  child.on('error', () => undefined);
  child.unref();
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  mkdirSync(args.data, { recursive: true });
  const logger = streamLogger((line) => process.stderr.write(line), 'warn');
  const root = resolve(import.meta.dirname, '..', '..');
  const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const env = sipAccountFromEnv(process.env);
  if (!env.ok) fail(env.error);
  const services = createServices({
    databaseFile: join(args.data, DATABASE_FILE),
    settings: fileSettingsStore(join(args.data, SETTINGS_FILE)),
    host: 'web',
    background: true,
    version,
    logger,
    secrets: memorySecretStore(env.value?.password ?? null),
    sipAccountOverride: env.value?.account,
  });
  seedDemoIfEmpty(services.db, services.now(), logger);
  const host = await startWebHost({
    handlers: services.handlers,
    events: services.events,
    staticDir: join(root, 'dist', 'renderer'),
    logger,
    port: args.port,
  });
  process.stdout.write(`Poste: ${host.url}\n`);
  if (args.open) openBrowser(host.url);
  const stop = () => {
    void host
      .close()
      .then(() => services.close())
      .then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((error: unknown) => fail(errorMessage(error)));
