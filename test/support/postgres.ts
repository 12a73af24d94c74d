import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * A throwaway PostgreSQL on loopback for the sync tests: `initdb` in a temporary folder, a
 * free port, TLS with a self-signed certificate (clients connect with sslmode=require), the
 * unix socket kept inside the folder. As root, the server runs as an unprivileged system
 * user (postgres refuses to run as root).
 */
export interface TestPostgres {
  host: string;
  port: number;
  database: string;
  /** The superuser the tests administer the server with (trust auth on loopback for it). */
  adminUser: string;
  adminPassword: string;
  /** A connection string for the admin, over TLS. */
  adminUrl: string;
  dir: string;
  stop(): Promise<void>;
}

const PG_BIN = ['/usr/lib/postgresql/15/bin', '/usr/local/bin'];

function bin(name: string): string {
  for (const dir of PG_BIN) {
    try {
      execFileSync('test', ['-x', join(dir, name)]);
      return join(dir, name);
    } catch {
      // next folder
    }
  }
  return name;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The user postgres runs as: ourselves, or (as root) an existing unprivileged account. */
function runAs(): { user: string | null; uid: number; gid: number } {
  if (process.getuid?.() !== 0) return { user: null, uid: -1, gid: -1 };
  for (const user of ['postgres', 'poste-pg']) {
    try {
      const uid = Number(execFileSync('id', ['-u', user]).toString().trim());
      const gid = Number(execFileSync('id', ['-g', user]).toString().trim());
      return { user, uid, gid };
    } catch {
      // try the next one
    }
  }
  execFileSync('useradd', ['-r', '-M', '-s', '/usr/sbin/nologin', 'poste-pg']);
  return {
    user: 'poste-pg',
    uid: Number(execFileSync('id', ['-u', 'poste-pg']).toString().trim()),
    gid: Number(execFileSync('id', ['-g', 'poste-pg']).toString().trim()),
  };
}

function command(user: string | null, file: string, args: string[]): [string, string[]] {
  return user ? ['runuser', ['-u', user, '--', file, ...args]] : [file, args];
}

export async function startPostgres(): Promise<TestPostgres> {
  const dir = mkdtempSync(join(tmpdir(), 'poste-pg-'));
  const data = join(dir, 'data');
  const who = runAs();
  if (who.user) chownSync(dir, who.uid, who.gid);
  chmodSync(dir, 0o700);
  const adminPassword = 'poste-admin-test';
  const pwfile = join(dir, 'pw');
  writeFileSync(pwfile, adminPassword);
  if (who.user) chownSync(pwfile, who.uid, who.gid);
  const [initFile, initArgs] = command(who.user, bin('initdb'), [
    '-D',
    data,
    '-U',
    'poste_admin',
    '--pwfile',
    pwfile,
    '-A',
    'scram-sha-256',
    '-E',
    'UTF8',
    '--no-sync',
    '--locale',
    'C',
  ]);
  execFileSync(initFile, initArgs, { stdio: 'pipe' });
  const key = join(dir, 'server.key');
  const cert = join(dir, 'server.crt');
  execFileSync(
    'openssl',
    ['req', '-new', '-x509', '-days', '2', '-nodes', '-subj', '/CN=127.0.0.1', '-keyout', key, '-out', cert],
    { stdio: 'pipe' },
  );
  chmodSync(key, 0o600);
  if (who.user) {
    chownSync(key, who.uid, who.gid);
    chownSync(cert, who.uid, who.gid);
  }
  // Only TLS connections from loopback, with a password; the socket stays for nobody but us.
  writeFileSync(join(data, 'pg_hba.conf'), 'local all all scram-sha-256\nhostssl all all 127.0.0.1/32 scram-sha-256\n');
  if (who.user) chownSync(join(data, 'pg_hba.conf'), who.uid, who.gid);
  const port = await freePort();
  const [file, args] = command(who.user, bin('postgres'), [
    '-D',
    data,
    '-p',
    String(port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    `unix_socket_directories=${dir}`,
    '-c',
    'ssl=on',
    '-c',
    `ssl_cert_file=${cert}`,
    '-c',
    `ssl_key_file=${key}`,
    '-c',
    'fsync=off',
    '-c',
    'synchronous_commit=off',
    '-c',
    'full_page_writes=off',
    '-c',
    'max_connections=100',
  ]);
  const child: ChildProcess = spawn(file, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) throw new Error(`postgres exited: ${log}`);
    if (/ready to accept connections/.test(log)) break;
    if (Date.now() - started > 20_000) throw new Error(`postgres did not start: ${log}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    host: '127.0.0.1',
    port,
    database: 'postgres',
    adminUser: 'poste_admin',
    adminPassword,
    adminUrl: `postgres://poste_admin:${adminPassword}@127.0.0.1:${port}/postgres?sslmode=require`,
    dir,
    async stop() {
      // The postmaster itself gets the fast shutdown: `runuser` does not pass SIGINT on, and an
      // orphaned postmaster kept its stderr pipe (and the test process) alive for about a
      // minute, until it noticed its data folder was gone.
      const postmaster = postmasterPid(data);
      const alive = (pid: number) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch {
          return false;
        }
      };
      if (postmaster !== null && alive(postmaster)) {
        process.kill(postmaster, 'SIGINT');
        const deadline = Date.now() + 5000;
        while (alive(postmaster) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
        if (alive(postmaster)) process.kill(postmaster, 'SIGKILL');
      }
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGINT');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 2000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      child.stderr?.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A TCP relay in front of the server, to take one console off the network: `setOnline(false)`
 * cuts every open connection and refuses new ones, as a pulled cable would.
 */
export interface NetworkCable {
  port: number;
  setOnline(online: boolean): void;
  close(): Promise<void>;
}

export async function cable(targetPort: number): Promise<NetworkCable> {
  let online = true;
  const sockets = new Set<Socket>();
  const server = createServer((inbound) => {
    if (!online) {
      inbound.destroy();
      return;
    }
    const outbound = createConnection({ host: '127.0.0.1', port: targetPort });
    sockets.add(inbound);
    sockets.add(outbound);
    const done = () => {
      inbound.destroy();
      outbound.destroy();
      sockets.delete(inbound);
      sockets.delete(outbound);
    };
    inbound.on('error', done).on('close', done);
    outbound.on('error', done).on('close', done);
    inbound.pipe(outbound);
    outbound.pipe(inbound);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    setOnline(next) {
      online = next;
      if (!next) for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/** The postmaster's pid, from the first line of its lock file; null when it is not running. */
function postmasterPid(data: string): number | null {
  try {
    const pid = Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    return Number.isInteger(pid) && pid > 0 ? pid : null;
  } catch {
    return null;
  }
}
