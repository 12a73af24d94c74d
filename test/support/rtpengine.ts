/**
 * Starts rtpengine (Debian package `rtpengine-daemon`) in user space on loopback: the media
 * bridge between WebRTC (ICE + DTLS-SRTP + rtcp-mux, our softphone) and plain RTP phones
 * (baresip). Kamailio drives it over the "ng" control protocol (`startKamailio({ rtpengine:
 * instance.ngSocket })`); the tests can query it too (`query(callId)`: per-leg packet counts).
 *
 * `--table=-1`: no kernel forwarding (no module, no privileges needed); `--no-fallback`:
 * fail instead of silently falling back when the kernel table is asked for; `--delete-delay=0`:
 * a deleted call is gone at once (a test can check that Kamailio deleted it on the BYE).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { randomBytes } from 'node:crypto';

export interface RtpengineOptions {
  /** First/last UDP port rtpengine may use for media. Default 41000–41999. */
  portMin?: number;
  portMax?: number;
}

/** A decoded bencode value (the ng protocol's encoding). */
export type Bencode = string | number | Bencode[] | { [key: string]: Bencode };

export interface RtpengineInstance {
  /** `udp:127.0.0.1:<port>` — the value for Kamailio's `rtpengine_sock`. */
  ngSocket: string;
  pid: number;
  /** Sends one ng command (`{ command: 'ping' }`, `{ command: 'query', 'call-id': … }`). */
  ng(command: Record<string, Bencode>): Promise<Record<string, Bencode>>;
  /** Packets rtpengine received from each party of a call, by From/To tag. */
  packetsByTag(callId: string): Promise<Record<string, number>>;
  log(): string;
  stop(): Promise<void>;
}

async function freeUdpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createSocket('udp4');
    s.once('error', reject);
    s.bind(0, '127.0.0.1', () => {
      const port = s.address().port;
      s.close(() => resolve(port));
    });
  });
}

function bencode(v: Bencode): Buffer {
  if (typeof v === 'number') return Buffer.from(`i${Math.trunc(v)}e`);
  if (typeof v === 'string') return Buffer.concat([Buffer.from(`${Buffer.byteLength(v)}:`), Buffer.from(v)]);
  if (Array.isArray(v)) return Buffer.concat([Buffer.from('l'), ...v.map(bencode), Buffer.from('e')]);
  const keys = Object.keys(v).sort();
  return Buffer.concat([
    Buffer.from('d'),
    ...keys.flatMap((k) => [bencode(k), bencode(v[k] as Bencode)]),
    Buffer.from('e'),
  ]);
}

function bdecode(buf: Buffer, pos = 0): [Bencode, number] {
  const c = String.fromCharCode(buf[pos] ?? 0);
  if (c === 'i') {
    const end = buf.indexOf('e', pos);
    return [Number(buf.subarray(pos + 1, end).toString()), end + 1];
  }
  if (c === 'l') {
    const out: Bencode[] = [];
    let p = pos + 1;
    while (buf[p] !== 0x65) {
      const [v, next] = bdecode(buf, p);
      out.push(v);
      p = next;
    }
    return [out, p + 1];
  }
  if (c === 'd') {
    const out: Record<string, Bencode> = {};
    let p = pos + 1;
    while (buf[p] !== 0x65) {
      const [k, afterKey] = bdecode(buf, p);
      const [v, afterValue] = bdecode(buf, afterKey);
      out[String(k)] = v;
      p = afterValue;
    }
    return [out, p + 1];
  }
  const colon = buf.indexOf(':', pos);
  const len = Number(buf.subarray(pos, colon).toString());
  return [buf.subarray(colon + 1, colon + 1 + len).toString(), colon + 1 + len];
}

async function ngRequest(port: number, command: Record<string, Bencode>, timeoutMs = 2000): Promise<Record<string, Bencode>> {
  const cookie = randomBytes(6).toString('hex');
  const sock = createSocket('udp4');
  try {
    return await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`rtpengine ng ${String(command.command)}: no answer`)), timeoutMs);
      sock.on('message', (msg) => {
        const space = msg.indexOf(' ');
        if (msg.subarray(0, space).toString() !== cookie) return;
        clearTimeout(timer);
        try {
          resolve(bdecode(msg, space + 1)[0] as Record<string, Bencode>);
        } catch (e) {
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      sock.once('error', (e) => {
        clearTimeout(timer);
        reject(e);
      });
      sock.send(Buffer.concat([Buffer.from(`${cookie} `), bencode(command)]), port, '127.0.0.1');
    });
  } finally {
    sock.close();
  }
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

/** Starts rtpengine on 127.0.0.1; resolves once it answers an ng `ping`. */
export async function startRtpengine(opts: RtpengineOptions = {}): Promise<RtpengineInstance> {
  const ngPort = await freeUdpPort();
  const args = [
    '--foreground',
    '--log-stderr',
    '--interface=127.0.0.1',
    `--listen-ng=127.0.0.1:${ngPort}`,
    '--table=-1',
    `--port-min=${opts.portMin ?? 41000}`,
    `--port-max=${opts.portMax ?? 41999}`,
    '--no-fallback',
    // a BYE's `delete` ends the session at once (default: 30 s later), so tests can see it
    '--delete-delay=0',
    '--log-level=6',
  ];
  const chunks: string[] = [];
  const proc = spawn('rtpengine', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
  proc.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
  const spawnError = new Promise<never>((_, reject) =>
    proc.once('error', (e) =>
      reject(new Error(`cannot start rtpengine (apt-get install -y --no-install-recommends rtpengine-daemon): ${String(e)}`)),
    ),
  );
  spawnError.catch(() => undefined);

  const stop = async (): Promise<void> => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    proc.kill('SIGTERM');
    if (!(await waitForExit(proc, 3000))) {
      proc.kill('SIGKILL');
      await waitForExit(proc, 2000);
    }
  };

  const deadline = Date.now() + 10_000;
  for (;;) {
    if (proc.exitCode !== null) {
      throw new Error(`rtpengine exited with code ${proc.exitCode}\n${chunks.join('').slice(-4000)}`);
    }
    try {
      const pong = await Promise.race([ngRequest(ngPort, { command: 'ping' }, 300), spawnError]);
      if (pong.result === 'pong') break;
    } catch (e) {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`rtpengine did not answer ng ping on 127.0.0.1:${ngPort}: ${String(e)}\n${chunks.join('').slice(-4000)}`);
      }
      if (String(e).includes('cannot start rtpengine')) throw e;
    }
  }

  const ng = async (command: Record<string, Bencode>): Promise<Record<string, Bencode>> => ngRequest(ngPort, command);

  return {
    ngSocket: `udp:127.0.0.1:${ngPort}`,
    pid: proc.pid ?? -1,
    ng,
    async packetsByTag(callId) {
      const res = await ng({ command: 'query', 'call-id': callId });
      if (res.result !== 'ok') throw new Error(`rtpengine query: ${JSON.stringify(res)}`);
      const out: Record<string, number> = {};
      const tags = (res.tags ?? {}) as Record<string, { medias?: { streams?: { stats?: { packets?: number } }[] }[] }>;
      for (const [tag, info] of Object.entries(tags)) {
        let n = 0;
        for (const m of info.medias ?? []) for (const s of m.streams ?? []) n += Number(s.stats?.packets ?? 0);
        out[tag] = n;
      }
      return out;
    },
    log: () => chunks.join(''),
    stop,
  };
}
