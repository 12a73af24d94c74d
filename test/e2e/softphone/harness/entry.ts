/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
/**
 * Test harness page for the softphone engine: bundled with esbuild and served on
 * 127.0.0.1, driven by the e2e tests through `window.harness`. It feeds each phone's
 * "microphones" with known tones so the far end can tell exactly whose audio it hears.
 */
import { createSoftphoneEngine } from '../../../../renderer/features/softphone/engine';
import type {
  SoftphoneEngine,
  SoftphoneEvents,
  CallInfo,
  EngineLogger,
} from '../../../../renderer/features/softphone/engine';

export interface HarnessOptions {
  server: string;
  user: string;
  domain: string;
  displayName?: string;
  /** Frequency of this phone's microphone tone (Hz). */
  micHz: number;
  qualityIntervalMs?: number;
  backoffInitialMs?: number;
  callRecoveryTimeoutMs?: number;
}

type LoggedEvent = {
  [K in keyof SoftphoneEvents]: { name: K; at: number; payload: SoftphoneEvents[K] };
}[keyof SoftphoneEvents];

const toneCtx = new AudioContext();

/** A MediaStream carrying a sine tone (a fake microphone we can recognise at the far end). */
function toneStream(hz: number, gain = 0.3): MediaStream {
  const osc = toneCtx.createOscillator();
  osc.frequency.value = hz;
  const g = toneCtx.createGain();
  g.gain.value = gain;
  const dest = toneCtx.createMediaStreamDestination();
  osc.connect(g).connect(dest);
  osc.start();
  return dest.stream;
}

function requestedDeviceId(c: MediaStreamConstraints): string {
  const audio = c.audio;
  if (!audio || audio === true) return '';
  const id = audio.deviceId;
  if (typeof id === 'string') return id;
  if (Array.isArray(id)) return id[0] ?? '';
  if (id && typeof id === 'object') {
    const v = (id as ConstrainDOMStringParameters).exact ?? (id as ConstrainDOMStringParameters).ideal;
    return typeof v === 'string' ? v : Array.isArray(v) ? (v[0] ?? '') : '';
  }
  return '';
}

class Harness {
  engine!: SoftphoneEngine;
  events: LoggedEvent[] = [];
  logs: string[] = [];
  opts!: HarnessOptions;
  gumCalls: string[] = [];
  private meters = new Map<string, { analyser: AnalyserNode; ctx: AudioContext }>();

  async create(opts: HarnessOptions): Promise<void> {
    this.opts = opts;
    // Unlock device ids/labels (enumerateDevices hides them before a getUserMedia grant).
    const probe = await navigator.mediaDevices.getUserMedia({ audio: true });
    for (const t of probe.getTracks()) t.stop();
    const logger: EngineLogger = {
      debug: () => undefined,
      info: (m) => this.logs.push(`info ${m}`),
      warn: (m, d) => this.logs.push(`warn ${m} ${d === undefined ? '' : String(d)}`),
      error: (m, d) => this.logs.push(`error ${m} ${d === undefined ? '' : String(d)}`),
    };
    this.engine = createSoftphoneEngine({
      account: {
        server: opts.server,
        uri: `sip:${opts.user}@${opts.domain}`,
        displayName: opts.displayName ?? opts.user,
        iceServers: [],
      },
      qualityIntervalMs: opts.qualityIntervalMs ?? 1000,
      presenceExpires: 120,
      logger,
      ...(opts.backoffInitialMs ? { backoff: { initialMs: opts.backoffInitialMs } } : {}),
      ...(opts.callRecoveryTimeoutMs ? { callRecoveryTimeoutMs: opts.callRecoveryTimeoutMs } : {}),
      getUserMedia: async (c) => {
        const id = requestedDeviceId(c);
        this.gumCalls.push(id);
        const m = /^tone:(\d+)$/.exec(id);
        return toneStream(m ? Number(m[1]) : opts.micHz);
      },
    });
    const names: (keyof SoftphoneEvents)[] = [
      'registration',
      'incomingCall',
      'callUpdated',
      'callEnded',
      'dtmfReceived',
      'devices',
      'audioRouting',
      'deviceFallback',
      'ownPresence',
      'colleague',
      'presenceUnavailable',
      'message',
      'notice',
    ];
    for (const name of names) {
      this.engine.on(name, (payload) => this.events.push({ name, at: Date.now(), payload } as LoggedEvent));
    }
  }

  start(): Promise<void> {
    return this.engine.start();
  }

  eventsNamed<K extends keyof SoftphoneEvents>(name: K): { at: number; payload: SoftphoneEvents[K] }[] {
    return this.events.filter((e) => e.name === name) as unknown as { at: number; payload: SoftphoneEvents[K] }[];
  }

  calls(): CallInfo[] {
    return this.engine.getCalls();
  }

  /** The live call (not ended) matching a predicate, or the first one. */
  liveCall(pred?: (c: CallInfo) => boolean): CallInfo | undefined {
    return this.engine.getCalls().find((c) => c.state !== 'ended' && (!pred || pred(c)));
  }

  async stats(callId: string): Promise<{ packetsReceived: number; packetsSent: number; totalSamplesReceived: number }> {
    const pc = this.engine.getCallMedia(callId)?.peerConnection;
    const out = { packetsReceived: 0, packetsSent: 0, totalSamplesReceived: 0 };
    if (!pc) return out;
    (await pc.getStats()).forEach((s: Record<string, unknown>) => {
      if (s.type === 'inbound-rtp' && s.kind === 'audio') {
        out.packetsReceived += Number(s.packetsReceived ?? 0);
        out.totalSamplesReceived += Number(s.totalSamplesReceived ?? 0);
      }
      if (s.type === 'outbound-rtp' && s.kind === 'audio') out.packetsSent += Number(s.packetsSent ?? 0);
    });
    return out;
  }

  /** Level (dB) at `hz` of what this phone receives on a call, measured with an FFT. */
  bandDb(callId: string, hz: number): number {
    let m = this.meters.get(callId);
    const track = this.engine.getCallMedia(callId)?.remoteStream?.getAudioTracks()[0];
    if (!track) return -Infinity;
    if (!m) {
      const ctx = new AudioContext();
      const analyser = ctx.createAnalyser();
      analyser.fftSize = 8192;
      analyser.smoothingTimeConstant = 0;
      ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
      m = { analyser, ctx };
      this.meters.set(callId, m);
    }
    const data = new Float32Array(m.analyser.frequencyBinCount);
    m.analyser.getFloatFrequencyData(data);
    const bin = Math.round(hz / (m.ctx.sampleRate / m.analyser.fftSize));
    let best = -Infinity;
    for (let i = bin - 2; i <= bin + 2; i++) best = Math.max(best, data[i] ?? -Infinity);
    return best;
  }

  /** Max over `ms` of the level at each frequency (robust against a single quiet frame). */
  async peakDb(callId: string, freqs: number[], ms = 600): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const f of freqs) out[f] = -Infinity;
    const end = Date.now() + ms;
    while (Date.now() < end) {
      for (const f of freqs) out[f] = Math.max(out[f] as number, this.bandDb(callId, f));
      await new Promise((r) => setTimeout(r, 40));
    }
    return out;
  }

  /** Max level at `hz` over `ms` on one of the engine's own mixes (headset, shadow…). */
  async mixPeakDb(
    bus: 'headset' | 'shadow' | 'ringer' | 'microphone',
    freqs: number[],
    ms = 600,
  ): Promise<Record<string, number>> {
    const meter = this.engine.meter(bus);
    const out: Record<string, number> = {};
    for (const f of freqs) out[f] = -Infinity;
    if (!meter) return out;
    const end = Date.now() + ms;
    while (Date.now() < end) {
      for (const f of freqs) out[f] = Math.max(out[f] as number, meter.bandDb(f));
      await new Promise((r) => setTimeout(r, 40));
    }
    meter.dispose();
    return out;
  }

  /** Counts `tonechange` events of the RFC 4733 DTMF sender of a call. */
  watchDtmfSender(callId: string): string[] {
    const seen: string[] = [];
    const pc = this.engine.getCallMedia(callId)?.peerConnection;
    const sender = pc?.getSenders().find((s) => s.dtmf);
    sender?.dtmf?.addEventListener('tonechange', (e) => {
      const tone = (e as RTCDTMFToneChangeEvent).tone;
      if (tone) seen.push(tone);
    });
    (window as unknown as { __dtmfSeen: string[] }).__dtmfSeen = seen;
    return seen;
  }
}

declare global {
  interface Window {
    harness: Harness;
  }
}

window.harness = new Harness();
