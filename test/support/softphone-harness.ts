/**
 * Softphone e2e helpers: bundles the harness page (test/e2e/softphone/harness/entry.ts) with
 * esbuild, serves it on 127.0.0.1, and opens one "phone" (a page running the real engine)
 * per party of a test.
 */
import { build } from 'esbuild';
import { createServer, type Server } from 'node:http';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { KamailioInstance } from './kamailio';

const HERE = dirname(fileURLToPath(import.meta.url));
const ENTRY = resolve(HERE, '../e2e/softphone/harness/entry.ts');

export interface HarnessServer {
  url: string;
  close(): Promise<void>;
}

export async function serveSoftphoneHarness(): Promise<HarnessServer> {
  const dir = await mkdtemp(join(tmpdir(), 'poste-softphone-harness-'));
  await build({
    entryPoints: [ENTRY],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'chrome120',
    outfile: join(dir, 'harness.js'),
    sourcemap: 'inline',
    logLevel: 'silent',
  });
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html><head><meta charset="utf-8"><title>softphone harness</title></head><body><script type="module" src="/harness.js"></script></body></html>',
  );
  const server: Server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const file = path === '/' ? 'index.html' : path === '/harness.js' ? 'harness.js' : undefined;
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    readFile(join(dir, file)).then(
      (body) =>
        res.writeHead(200, { 'content-type': file.endsWith('.js') ? 'text/javascript' : 'text/html' }).end(body),
      () => res.writeHead(500).end(),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  return {
    url: `http://127.0.0.1:${port}/`,
    async close() {
      await new Promise<void>((r) => server.close(() => r()));
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface PhoneOptions {
  user: string;
  micHz: number;
  displayName?: string;
  backoffInitialMs?: number;
  /** How long an established call waits for the connection to come back (engine default 30 s). */
  callRecoveryTimeoutMs?: number;
}

/** One party: a browser context + page running the engine through `window.harness`. */
export class Phone {
  constructor(
    readonly user: string,
    readonly uri: string,
    readonly page: Page,
    private readonly context: BrowserContext,
  ) {}

  /** Runs a function in the page with `h` = window.harness. */
  run<R, A = undefined>(fn: (h: HarnessApi, arg: A) => R | Promise<R>, arg?: A): Promise<R> {
    return this.page.evaluate(
      ([src, a]) => {
        const f = new Function(`return (${src})`)() as (h: unknown, arg: unknown) => unknown;
        return f((window as unknown as { harness: unknown }).harness, a);
      },
      [fn.toString(), arg] as const,
    ) as Promise<R>;
  }

  /** Waits until `fn(h, arg)` is truthy in the page; returns its value. */
  async waitFor<R, A = undefined>(fn: (h: HarnessApi, arg: A) => R, arg?: A, timeoutMs = 10_000): Promise<R> {
    const handle = await this.page.waitForFunction(
      ([src, a]) => {
        const f = new Function(`return (${src})`)() as (h: unknown, arg: unknown) => unknown;
        return f((window as unknown as { harness: unknown }).harness, a);
      },
      [fn.toString(), arg] as const,
      { timeout: timeoutMs, polling: 50 },
    );
    return (await handle.jsonValue()) as R;
  }

  async close(): Promise<void> {
    await this.run((h) => h.engine.stop()).catch(() => undefined);
    await this.context.close().catch(() => undefined);
  }
}

/** What tests may use of the page's harness (typed loosely: it runs in the browser). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HarnessApi = any;

export async function openPhone(
  browser: Browser,
  harnessUrl: string,
  kam: KamailioInstance,
  opts: PhoneOptions,
): Promise<Phone> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(harnessUrl);
  await page.waitForFunction(() => 'harness' in window);
  await page.evaluate(
    (o) => (window as unknown as { harness: { create(o: unknown): Promise<void> } }).harness.create(o),
    {
      server: kam.wsUrl,
      user: opts.user,
      domain: kam.domain,
      micHz: opts.micHz,
      displayName: opts.displayName ?? opts.user,
      backoffInitialMs: opts.backoffInitialMs,
      callRecoveryTimeoutMs: opts.callRecoveryTimeoutMs,
    },
  );
  const phone = new Phone(opts.user, `sip:${opts.user}@${kam.domain}`, page, context);
  await phone.run((h) => h.start());
  await phone.waitFor((h) => h.engine.registration.state === 'registered');
  return phone;
}
