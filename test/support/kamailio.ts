/**
 * Starts Kamailio 5.6 (Debian packages `kamailio`, `kamailio-websocket-modules`,
 * `kamailio-presence-modules`) on loopback for the softphone end-to-end tests.
 *
 * Each instance runs in its own temporary directory (run dir, db_text copies for presence,
 * its log) with free ports picked at start, so a test file owns its server. `restart()`
 * stops the process and starts it again on the same ports and data, which is what the
 * "server restarted" scenarios need (the WebSocket drops, the clients must come back).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, writeFile, mkdir, copyFile, rm, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface KamailioOptions {
  /** SIP domain any user may register on. Default `poste.test`. */
  domain?: string;
  /** Kamailio log level (`debug=`), default 1 (errors and warnings). */
  debug?: number;
  /** Presence and dialog-info (PUBLISH/SUBSCRIBE). Default true; false answers them 489. */
  presence?: boolean;
  /** Keep the temporary directory after stop (for post-mortems). */
  keepDir?: boolean;
  /**
   * rtpengine control socket (e.g. `udp:127.0.0.1:2223`, see `startRtpengine`): loads
   * `rtpengine.so` and bridges the media of calls between a WebSocket (WebRTC) client and a
   * plain SIP phone on UDP. Off by default (WebRTC-to-WebRTC calls need no media relay).
   */
  rtpengine?: string;
}

export interface KamailioInstance {
  /** `ws://127.0.0.1:<port>` — the WebSocket URL SIP.js connects to (RFC 7118). */
  wsUrl: string;
  /** SIP domain (`poste.test` unless overridden). */
  domain: string;
  /** UDP port of the SIP listener on 127.0.0.1 (for plain SIP phones, e.g. baresip). */
  udpPort: number;
  /** PID of the running Kamailio main process (changes after `restart()`). */
  pid: number;
  /** The instance's temporary directory (config, db_text tables, `kamailio.log`). */
  dir: string;
  /** Stops the server (SIGTERM, then SIGKILL after 3 s) and removes its directory. */
  stop(): Promise<void>;
  /** Stops the server and starts it again on the same ports and data. */
  restart(): Promise<void>;
  /** Stops the server without removing anything (to test "server down"); `restart()` brings it back. */
  kill(): Promise<void>;
  /** The log written so far (stderr of every run). */
  log(): Promise<string>;
}

// rtpengine.so ships in the `kamailio` package itself (no extra Debian package).
const MODULE_PATHS = [
  '/usr/lib/x86_64-linux-gnu/kamailio/modules/',
  '/usr/lib/aarch64-linux-gnu/kamailio/modules/',
  '/usr/lib/kamailio/modules/',
];
const DBTEXT_SOURCE = '/usr/share/kamailio/dbtext/kamailio';
const DBTEXT_TABLES = ['version', 'presentity', 'active_watchers', 'watchers', 'xcap', 'pua'];
const TEMPLATE = join(dirname(fileURLToPath(import.meta.url)), 'kamailio', 'kamailio.cfg');

async function freePort(kind: 'tcp' | 'udp' = 'tcp'): Promise<number> {
  if (kind === 'udp') {
    const { createSocket } = await import('node:dgram');
    return new Promise((resolve, reject) => {
      const s = createSocket('udp4');
      s.once('error', reject);
      s.bind(0, '127.0.0.1', () => {
        const port = s.address().port;
        s.close(() => resolve(port));
      });
    });
  }
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitForPort(port: number, proc: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`kamailio exited with code ${proc.exitCode}`);
    if (await canConnect(port)) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`kamailio did not accept connections on 127.0.0.1:${port} within ${timeoutMs} ms`);
}

function waitForExit(proc: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (proc.exitCode !== null || proc.signalCode !== null) return Promise.resolve(true);
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    proc.once('exit', () => {
      clearTimeout(timer);
      resolve(true);
    });
  });
}

/** Copies the db_text presence tables Kamailio needs (with the fixes test-stack.md lists). */
async function prepareDbText(dbDir: string): Promise<void> {
  await mkdir(dbDir, { recursive: true });
  for (const table of DBTEXT_TABLES) {
    const target = join(dbDir, table);
    if (table === 'active_watchers') {
      const text = await readFile(join(DBTEXT_SOURCE, table), 'utf8');
      await writeFile(target, text.replace('flags(int)', 'flags(int,null)'));
    } else {
      await copyFile(join(DBTEXT_SOURCE, table), target);
    }
  }
}

/** Starts a Kamailio on loopback; resolves once its WebSocket port accepts connections. */
export async function startKamailio(opts: KamailioOptions = {}): Promise<KamailioInstance> {
  const domain = opts.domain ?? 'poste.test';
  const mpath = MODULE_PATHS.find((p) => existsSync(join(p, 'websocket.so')));
  if (!mpath) {
    throw new Error(
      'Kamailio modules not found: apt-get install -y kamailio kamailio-websocket-modules kamailio-presence-modules',
    );
  }
  const dir = await mkdtemp(join(tmpdir(), 'poste-kamailio-'));
  const runDir = join(dir, 'run');
  const dbDir = join(dir, 'db');
  await mkdir(runDir, { recursive: true });
  await prepareDbText(dbDir);
  const wsPort = await freePort('tcp');
  const udpPort = await freePort('udp');
  const template = await readFile(TEMPLATE, 'utf8');
  const cfg = template
    .replaceAll('__DOMAIN__', domain)
    .replaceAll('__UDP_PORT__', String(udpPort))
    .replaceAll('__WS_PORT__', String(wsPort))
    .replaceAll('__MPATH__', mpath)
    .replaceAll('__DB_URL__', `text://${dbDir}`)
    .replaceAll('__DEBUG__', String(opts.debug ?? 1))
    .replaceAll('__RTPENGINE_SOCK__', opts.rtpengine ?? '')
    .replace(
      '__DEFINES__',
      [
        ...(opts.presence === false ? [] : ['#!define WITH_PRESENCE']),
        ...(opts.rtpengine ? ['#!define WITH_RTPENGINE'] : []),
      ].join('\n'),
    );
  const cfgPath = join(dir, 'kamailio.cfg');
  await writeFile(cfgPath, cfg);
  const logPath = join(dir, 'kamailio.log');
  await writeFile(logPath, '');

  let proc: ChildProcess | undefined;
  const logChunks: string[] = [];

  const launch = async (): Promise<void> => {
    const { openSync, closeSync } = await import('node:fs');
    const fd = openSync(logPath, 'a');
    // -DD: stay in the foreground (the PID we hold is the main process); -E: log to stderr.
    const child = spawn('kamailio', ['-f', cfgPath, '-DD', '-E', '-Y', runDir, '-w', dir], {
      stdio: ['ignore', fd, fd],
      detached: false,
    });
    closeSync(fd);
    child.on('error', (e) => logChunks.push(`spawn error: ${String(e)}\n`));
    proc = child;
    try {
      await waitForPort(wsPort, child, 10_000);
    } catch (e) {
      const log = await readFile(logPath, 'utf8').catch(() => '');
      await terminate();
      throw new Error(`${String(e)}\n--- kamailio log ---\n${log.slice(-4000)}`);
    }
  };

  const terminate = async (): Promise<void> => {
    const p = proc;
    proc = undefined;
    if (!p || p.pid === undefined) return;
    if (p.exitCode !== null || p.signalCode !== null) return;
    p.kill('SIGTERM');
    if (!(await waitForExit(p, 3000))) {
      p.kill('SIGKILL');
      await waitForExit(p, 2000);
    }
    // Make sure the listening sockets are gone before a restart binds them again.
    const deadline = Date.now() + 3000;
    while (Date.now() < deadline && (await canConnect(wsPort))) {
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  await launch();

  const instance: KamailioInstance = {
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    domain,
    udpPort,
    dir,
    get pid(): number {
      return proc?.pid ?? -1;
    },
    async stop() {
      await terminate();
      if (!opts.keepDir) await rm(dir, { recursive: true, force: true });
    },
    async kill() {
      await terminate();
    },
    async restart() {
      await terminate();
      // The control FIFO / sockets of the previous run would make the new one fail.
      for (const f of await readdir(runDir).catch(() => [] as string[])) {
        await rm(join(runDir, f), { force: true, recursive: true });
      }
      await launch();
    },
    async log() {
      return (await readFile(logPath, 'utf8').catch(() => '')) + logChunks.join('');
    },
  };
  return instance;
}
