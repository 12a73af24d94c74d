/**
 * A SIP phone nobody here wrote: baresip 1.0 (Debian package `baresip`), registered over UDP
 * to the test Kamailio, its microphone a sine tone (`ausine`), driven through its UDP console
 * (`cons`: the same commands as its keyboard UI, e.g. `/dial sip:…`, `/hangup`).
 *
 * What it receives is recorded: the `sndfile` audio filter writes every call's decoded
 * (received) audio to `<dir>/rec/dump-…-dec.wav`, so a test can prove the far end's audio
 * really reached it (`receivedAudio()` + `toneLevels()`), not just that packets were sent.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createSocket } from 'node:dgram';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface BaresipOptions {
  /** User part of the account (e.g. `15145550102`). */
  user: string;
  /** SIP domain of the account (Kamailio's, e.g. `poste.test`). */
  domain: string;
  /** Kamailio's UDP port on 127.0.0.1 (outbound proxy and registrar). */
  proxyPort: number;
  displayName?: string;
  /** Frequency of the microphone tone (Hz). Default 440. */
  toneHz?: number;
  /** RTP ports baresip may use. Default 42000–42999. */
  rtpPorts?: [number, number];
  keepDir?: boolean;
}

export interface BaresipInstance {
  dir: string;
  pid: number;
  /** The account's address of record (`sip:user@domain`). */
  aor: string;
  /** Sends a console command (`/dial sip:…`, `/hangup`, …); returns what the console answered. */
  command(cmd: string, replyWaitMs?: number): Promise<string>;
  /** Waits until the log (stdout + stderr) matches `re`; returns the match. */
  waitForLog(re: RegExp, timeoutMs?: number, from?: number): Promise<RegExpMatchArray>;
  log(): string;
  /** The decoded audio of the calls (what baresip received), once written: mono s16 samples. */
  receivedAudio(): Promise<{ sampleRate: number; samples: Int16Array }[]>;
  /** Stops baresip (SIGINT: it ignores SIGTERM) and removes its directory. */
  stop(): Promise<void>;
}

const MODULES = '/usr/lib/baresip/modules';

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

/** Parses a PCM s16 WAV (as libsndfile writes it), tolerating a header not yet finalised. */
export function parseWav(buf: Buffer): { sampleRate: number; channels: number; samples: Int16Array } {
  if (buf.toString('ascii', 0, 4) !== 'RIFF' || buf.toString('ascii', 8, 12) !== 'WAVE') throw new Error('not a WAV file');
  let pos = 12;
  let sampleRate = 0;
  let channels = 1;
  while (pos + 8 <= buf.length) {
    const id = buf.toString('ascii', pos, pos + 4);
    const size = buf.readUInt32LE(pos + 4);
    if (id === 'fmt ') {
      channels = buf.readUInt16LE(pos + 10);
      sampleRate = buf.readUInt32LE(pos + 12);
    } else if (id === 'data') {
      const start = pos + 8;
      const end = size > 0 && start + size <= buf.length ? start + size : buf.length;
      const data = buf.subarray(start, end - ((end - start) % 2));
      const all = new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.length));
      // keep the first channel only
      const samples = channels === 1 ? all : all.filter((_, i) => i % channels === 0);
      return { sampleRate, channels, samples };
    }
    pos += 8 + size + (size % 2);
  }
  throw new Error('WAV without a data chunk');
}

/** Level (dB relative to full scale) of `hz` in `samples` (Goertzel over the whole buffer). */
export function toneDb(samples: Int16Array, sampleRate: number, hz: number): number {
  if (samples.length === 0) return -Infinity;
  const w = (2 * Math.PI * hz) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < samples.length; i++) {
    // Hann window against leakage from other tones
    const win = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / (samples.length - 1));
    const s0 = ((samples[i] as number) / 32768) * win + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  const amplitude = (2 * Math.sqrt(Math.max(power, 0))) / (samples.length * 0.5);
  return 20 * Math.log10(amplitude || 1e-12);
}

/** Starts baresip registered to Kamailio over UDP; resolves once the registration is accepted. */
export async function startBaresip(opts: BaresipOptions): Promise<BaresipInstance> {
  const dir = await mkdtemp(join(tmpdir(), 'poste-baresip-'));
  const recDir = join(dir, 'rec');
  await mkdir(recDir);
  const sipPort = await freeUdpPort();
  const consPort = await freeUdpPort();
  const [rtpMin, rtpMax] = opts.rtpPorts ?? [42000, 42999];
  const config = [
    'poll_method epoll',
    `sip_listen 127.0.0.1:${sipPort}`,
    'call_local_timeout 120',
    'call_max_calls 4',
    // The microphone: a sine tone (ausine only does 48 kHz stereo); the speaker: a bridge nobody reads.
    `audio_source ausine,${opts.toneHz ?? 440}`,
    'ausrc_srate 48000',
    'ausrc_channels 2',
    'audio_player aubridge,nil',
    'audio_alert aubridge,nil',
    'audio_buffer 20-160',
    `rtp_ports ${rtpMin}-${rtpMax}`,
    'rtcp_mux no',
    'jitter_buffer_delay 5-10',
    'rtp_stats yes',
    `module_path ${MODULES}`,
    'module g711.so',
    'module ausine.so',
    'module aubridge.so',
    // Audio filter dumping the encoded (sent) and decoded (received) audio of each call.
    'module sndfile.so',
    `snd_path ${recDir}`,
    'module cons.so',
    `cons_listen 127.0.0.1:${consPort}`,
    'module_tmp account.so',
    'module_app menu.so',
    '',
  ].join('\n');
  await writeFile(join(dir, 'config'), config);
  const aor = `sip:${opts.user}@${opts.domain}`;
  const name = opts.displayName ? `"${opts.displayName}" ` : '';
  await writeFile(
    join(dir, 'accounts'),
    `${name}<${aor};transport=udp>;outbound="sip:127.0.0.1:${opts.proxyPort};transport=udp";regint=60;auth_pass=unused;answermode=manual;audio_codecs=PCMU,PCMA\n`,
  );
  await writeFile(join(dir, 'contacts'), '');

  const chunks: string[] = [];
  const proc = spawn('baresip', ['-f', dir, '-n', '127.0.0.1'], { stdio: ['ignore', 'pipe', 'pipe'] });
  proc.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
  proc.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
  let spawnError: Error | undefined;
  proc.once('error', (e) => {
    spawnError = new Error(`cannot start baresip (apt-get install -y baresip): ${String(e)}`);
  });
  const log = (): string => chunks.join('');

  const waitForLog = async (re: RegExp, timeoutMs = 10_000, from = 0): Promise<RegExpMatchArray> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = log().slice(from).match(re);
      if (m) return m;
      if (spawnError) throw spawnError;
      if (proc.exitCode !== null) throw new Error(`baresip exited (${proc.exitCode}) waiting for ${re}\n${log().slice(-4000)}`);
      if (Date.now() > deadline) throw new Error(`baresip: no ${re} within ${timeoutMs} ms\n${log().slice(-4000)}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };

  const stop = async (): Promise<void> => {
    if (proc.exitCode === null && proc.signalCode === null) {
      proc.kill('SIGINT');
      if (!(await waitForExit(proc, 3000))) {
        proc.kill('SIGKILL');
        await waitForExit(proc, 2000);
      }
    }
    if (!opts.keepDir) await rm(dir, { recursive: true, force: true });
  };

  try {
    // e.g. "sip:15145550102@poste.test: {0/UDP/v4} 200 OK (kamailio …) [1 binding]"
    await waitForLog(/\{0\/UDP\/v4\} 200 OK/, 10_000);
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    dir,
    aor,
    get pid() {
      return proc.pid ?? -1;
    },
    async command(cmd, replyWaitMs = 300) {
      const sock = createSocket('udp4');
      const replies: string[] = [];
      sock.on('message', (m) => replies.push(m.toString()));
      await new Promise<void>((resolve, reject) => {
        sock.once('error', reject);
        sock.bind(0, '127.0.0.1', () => resolve());
      });
      await new Promise<void>((resolve, reject) =>
        sock.send(`${cmd}\n`, consPort, '127.0.0.1', (e) => (e ? reject(e) : resolve())),
      );
      await new Promise((r) => setTimeout(r, replyWaitMs));
      sock.close();
      return replies.join('');
    },
    waitForLog,
    log,
    async receivedAudio() {
      const files = (await readdir(recDir)).filter((f) => f.endsWith('-dec.wav')).sort();
      const out: { sampleRate: number; samples: Int16Array }[] = [];
      for (const f of files) {
        const { sampleRate, samples } = parseWav(await readFile(join(recDir, f)));
        out.push({ sampleRate, samples });
      }
      return out;
    },
    stop,
  };
}
