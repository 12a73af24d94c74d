/**
 * Audio routing of the softphone: one AudioContext builds every mix.
 *
 * ```
 *  agent mic ──▶ micBus ──┬──▶ [per call] micGate ─────┐
 *                         │                              ├──▶ sendDest(call) ──▶ RTCPeerConnection
 *  shadow mic ─┬▶ toClient (barge only, else            │     (what the client hears)
 *              │           disconnected) ──▶ shadowGate ┘
 *              └▶ toHeadset (whisper|barge) ──┐
 *  remote(call) ──▶ remoteGain(call) ──┬──────┴──▶ headsetBus ──▶ <audio sinkId=headset>
 *                                      └─────────▶ shadowBus  ──▶ <audio sinkId=shadow>
 *                           micBus ───────────────▶ shadowBus   (the shadow hears both sides)
 *  ring tone (440+480 Hz, 2 s on / 4 s off) ──▶ ringerBus ──▶ <audio sinkId=ringer>
 * ```
 *
 * Why this shape:
 * - What is sent to the client is never the raw microphone but a WebAudio mix given to
 *   SIP.js through a custom `mediaStreamFactory`, so a whisper can only reach the client if
 *   the barge path is connected — it is physically disconnected in listen and whisper.
 * - Hold and mute gate the mix and disable the sent track: no renegotiation is needed and
 *   the far end hears silence even if the hold re-INVITE fails (SIP.js #685).
 * - A remote track decodes only while attached to a media element (test-stack.md), so each
 *   call's remote stream plays in a muted `<audio>`; the audible copy comes from the mix.
 * - Outputs are `<audio>` elements fed by MediaStreamAudioDestinationNodes and routed with
 *   `setSinkId`; changing a device never touches the calls.
 */
import type { AudioRouting, AudioDiagnostics, EngineLogger, LevelMeter, ShadowMode } from './types';

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };

interface CallAudio {
  micGate: GainNode;
  shadowGate: GainNode;
  dest: MediaStreamAudioDestinationNode;
  remoteGain: GainNode;
  remoteEl?: SinkAudio;
  remoteSource?: MediaStreamAudioSourceNode;
  remoteTrackId?: string;
  muted: boolean;
  held: boolean;
  /** A callback-first leg: the agent's microphone and headset stay out of it. */
  isolated: boolean;
}

interface OpenMic {
  stream: MediaStream;
  source: MediaStreamAudioSourceNode;
  deviceId: string;
}

export type DeviceRole = 'microphone' | 'headset' | 'ringer' | 'shadowOutput' | 'shadowMicrophone';

export interface AudioRouterDeps {
  getUserMedia: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  logger: EngineLogger;
  onFallback: (role: DeviceRole, lostDeviceId: string, message: string) => void;
  setInterval: (fn: () => void, ms: number) => unknown;
  clearInterval: (handle: unknown) => void;
}

export const DEFAULT_ROUTING: AudioRouting = {
  microphoneId: '',
  headsetOutputId: '',
  ringerOutputId: '',
  shadowOutputId: null,
  shadowMicrophoneId: '',
  shadowMode: 'listen',
};

const RING_ON_S = 2;
const RING_PERIOD_S = 6;

function micConstraints(deviceId: string): MediaStreamConstraints {
  // Telephony audio: keep the browser's echo cancellation and noise suppression.
  const audio: MediaTrackConstraints = { echoCancellation: true, noiseSuppression: true, autoGainControl: true };
  if (deviceId) audio.deviceId = { exact: deviceId };
  return { audio, video: false };
}

export class AudioRouter {
  private ctx: AudioContext | undefined;
  private routing: AudioRouting;
  private headsetBus!: GainNode;
  private shadowBus!: GainNode;
  private ringerBus!: GainNode;
  private micBus!: GainNode;
  private shadowToClient!: GainNode;
  private shadowToHeadset!: GainNode;
  private headsetEl!: SinkAudio;
  private shadowEl!: SinkAudio;
  private ringerEl!: SinkAudio;
  private mic: OpenMic | undefined;
  private micOpening: Promise<void> | undefined;
  private shadowMic: OpenMic | undefined;
  private readonly calls = new Map<string, CallAudio>();
  private ring: { oscs: OscillatorNode[]; gain: GainNode; timer: unknown } | undefined;
  private bargeConnected = false;
  /** Calls to keep away from the agent's microphone and headset (callback-first legs). */
  private readonly isolatedIds = new Set<string>();

  constructor(
    private readonly deps: AudioRouterDeps,
    routing: Partial<AudioRouting> = {},
  ) {
    this.routing = { ...DEFAULT_ROUTING, ...routing };
  }

  getRouting(): AudioRouting {
    return { ...this.routing };
  }

  /** Creates the AudioContext and the fixed part of the graph (lazily: needs a user gesture in a real browser). */
  private context(): AudioContext {
    if (this.ctx) return this.ctx;
    const ctx = new AudioContext({ latencyHint: 'interactive' });
    this.ctx = ctx;
    const gain = (value: number): GainNode => {
      const g = ctx.createGain();
      g.gain.value = value;
      return g;
    };
    this.headsetBus = gain(1);
    this.shadowBus = gain(this.routing.shadowOutputId === null ? 0 : 1);
    this.ringerBus = gain(1);
    this.micBus = gain(1);
    this.shadowToClient = gain(0);
    this.shadowToHeadset = gain(0);
    this.shadowToHeadset.connect(this.headsetBus);
    this.micBus.connect(this.shadowBus);
    this.headsetEl = this.output(this.headsetBus);
    this.shadowEl = this.output(this.shadowBus);
    this.ringerEl = this.output(this.ringerBus);
    void this.applySink('headset');
    void this.applySink('ringer');
    void this.applySink('shadowOutput');
    this.applyShadowGains();
    return ctx;
  }

  private output(bus: GainNode): SinkAudio {
    const ctx = this.ctx as AudioContext;
    const dest = ctx.createMediaStreamDestination();
    bus.connect(dest);
    const el = document.createElement('audio') as SinkAudio;
    el.autoplay = true;
    el.srcObject = dest.stream;
    return el;
  }

  /** Resumes the AudioContext (call from a click in a real browser; headless starts running). */
  async resume(): Promise<void> {
    const ctx = this.context();
    if (ctx.state === 'suspended') await ctx.resume().catch(() => undefined);
    for (const el of [this.headsetEl, this.ringerEl]) void el.play().catch(() => undefined);
    if (this.routing.shadowOutputId !== null) void this.shadowEl.play().catch(() => undefined);
  }

  private async applySink(role: 'headset' | 'ringer' | 'shadowOutput'): Promise<void> {
    if (!this.ctx) return;
    const el = role === 'headset' ? this.headsetEl : role === 'ringer' ? this.ringerEl : this.shadowEl;
    const id =
      role === 'headset'
        ? this.routing.headsetOutputId
        : role === 'ringer'
          ? this.routing.ringerOutputId
          : this.routing.shadowOutputId;
    if (role === 'shadowOutput' && id === null) {
      el.pause();
      return;
    }
    const sinkId = id ?? '';
    if (typeof el.setSinkId === 'function' && el.sinkId !== sinkId) {
      try {
        await el.setSinkId(sinkId);
      } catch (error) {
        this.deps.logger.warn(`setSinkId(${role}) failed, using the default output`, error);
        if (sinkId !== '') {
          if (role === 'headset') this.routing.headsetOutputId = '';
          else if (role === 'ringer') this.routing.ringerOutputId = '';
          else this.routing.shadowOutputId = '';
          await el.setSinkId('').catch(() => undefined);
          this.deps.onFallback(role, sinkId, `Output ${sinkId} is not available; using the default output.`);
        }
      }
    }
    void el.play().catch(() => undefined);
  }

  private async openInput(
    deviceId: string,
    role: 'microphone' | 'shadowMicrophone',
  ): Promise<{ stream: MediaStream; deviceId: string }> {
    try {
      return { stream: await this.deps.getUserMedia(micConstraints(deviceId)), deviceId };
    } catch (error) {
      if (!deviceId) throw error;
      this.deps.logger.warn(`${role} ${deviceId} unavailable, falling back to the default`, error);
      this.deps.onFallback(role, deviceId, `Microphone ${deviceId} is not available; using the default microphone.`);
      if (role === 'microphone') this.routing.microphoneId = '';
      else this.routing.shadowMicrophoneId = '';
      return { stream: await this.deps.getUserMedia(micConstraints('')), deviceId: '' };
    }
  }

  /** Opens (or re-opens after a device change) the agent microphone into micBus. */
  private async ensureMic(): Promise<void> {
    const ctx = this.context();
    if (
      this.mic &&
      this.mic.deviceId === this.routing.microphoneId &&
      this.mic.stream.getAudioTracks().some((t) => t.readyState === 'live')
    )
      return;
    if (this.micOpening) return this.micOpening;
    this.micOpening = (async () => {
      const { stream, deviceId } = await this.openInput(this.routing.microphoneId, 'microphone');
      const source = ctx.createMediaStreamSource(stream);
      source.connect(this.micBus);
      const old = this.mic;
      this.mic = { stream, source, deviceId };
      if (old) this.closeInput(old);
    })().finally(() => {
      this.micOpening = undefined;
    });
    return this.micOpening;
  }

  private closeInput(input: OpenMic): void {
    input.source.disconnect();
    for (const t of input.stream.getTracks()) t.stop();
  }

  /** Opens the shadow microphone only when it can go somewhere (whisper/barge). */
  private async syncShadowMic(): Promise<void> {
    const ctx = this.context();
    const wanted = this.routing.shadowOutputId !== null && this.routing.shadowMode !== 'listen' && this.calls.size > 0;
    if (!wanted) {
      if (this.shadowMic) this.closeInput(this.shadowMic);
      this.shadowMic = undefined;
      return;
    }
    if (this.shadowMic && this.shadowMic.deviceId === this.routing.shadowMicrophoneId) return;
    const { stream, deviceId } = await this.openInput(this.routing.shadowMicrophoneId, 'shadowMicrophone');
    const source = ctx.createMediaStreamSource(stream);
    source.connect(this.shadowToClient);
    source.connect(this.shadowToHeadset);
    const old = this.shadowMic;
    this.shadowMic = { stream, source, deviceId };
    if (old) this.closeInput(old);
  }

  /**
   * Gains of the shadow paths. The barge path is *disconnected* from every call unless the
   * mode is barge, so a whisper cannot leak through a gain that failed to reach 0.
   */
  private applyShadowGains(): void {
    if (!this.ctx) return;
    const mode: ShadowMode = this.routing.shadowOutputId === null ? 'listen' : this.routing.shadowMode;
    const now = this.ctx.currentTime;
    const toHeadset = mode === 'listen' ? 0 : 1;
    this.shadowToHeadset.gain.setTargetAtTime(toHeadset, now, 0.01);
    this.shadowBus.gain.setTargetAtTime(this.routing.shadowOutputId === null ? 0 : 1, now, 0.01);
    const barge = mode === 'barge';
    if (barge && !this.bargeConnected) {
      for (const call of this.calls.values()) this.shadowToClient.connect(call.shadowGate);
      this.bargeConnected = true;
    } else if (!barge && this.bargeConnected) {
      this.shadowToClient.disconnect();
      this.bargeConnected = false;
    }
    this.shadowToClient.gain.cancelScheduledValues(now);
    this.shadowToClient.gain.value = barge ? 1 : 0;
  }

  /**
   * The stream SIP.js sends for a call (custom mediaStreamFactory). Opens the microphone.
   */
  async createSendStream(callId: string): Promise<MediaStream> {
    const ctx = this.context();
    await this.ensureMic();
    let call = this.calls.get(callId);
    if (!call) {
      const micGate = ctx.createGain();
      const shadowGate = ctx.createGain();
      const remoteGain = ctx.createGain();
      const dest = ctx.createMediaStreamDestination();
      micGate.connect(dest);
      shadowGate.connect(dest);
      this.micBus.connect(micGate);
      if (this.bargeConnected) this.shadowToClient.connect(shadowGate);
      const isolated = this.isolatedIds.has(callId);
      if (!isolated) remoteGain.connect(this.headsetBus);
      remoteGain.connect(this.shadowBus);
      call = { micGate, shadowGate, dest, remoteGain, muted: false, held: false, isolated };
      this.calls.set(callId, call);
      this.applyGates(call);
    }
    await this.syncShadowMic().catch((e: unknown) => this.deps.logger.warn('shadow microphone failed', e));
    void this.resume();
    return call.dest.stream;
  }

  /** Plays a call's remote audio (muted element to decode it, the mix to hear it). */
  attachRemote(callId: string, stream: MediaStream): void {
    const call = this.calls.get(callId);
    const ctx = this.ctx;
    if (!call || !ctx) return;
    const track = stream.getAudioTracks()[0];
    if (!track || call.remoteTrackId === track.id) return;
    if (!call.remoteEl) {
      const el = document.createElement('audio') as SinkAudio;
      el.muted = true;
      el.autoplay = true;
      call.remoteEl = el;
    }
    call.remoteEl.srcObject = stream;
    void call.remoteEl.play().catch(() => undefined);
    call.remoteSource?.disconnect();
    call.remoteSource = ctx.createMediaStreamSource(new MediaStream([track]));
    call.remoteSource.connect(call.remoteGain);
    call.remoteTrackId = track.id;
  }

  /** Mute and hold gates of one call. Held: nothing in, nothing out, sent track disabled. */
  setCallGates(callId: string, gates: { muted: boolean; held: boolean }): void {
    const call = this.calls.get(callId);
    if (!call) return;
    call.muted = gates.muted;
    call.held = gates.held;
    this.applyGates(call);
  }

  /**
   * Keeps a call away from the agent: their microphone is not sent on it and their headset
   * does not play it; the shadow headset still hears it. Callback-first legs (« Appeler via
   * BLEAD »): the agent talks on the device leg's phone, the page only bridges the legs.
   * Call before the call's media is created (right after placing it).
   */
  isolateCall(callId: string): void {
    this.isolatedIds.add(callId);
    const call = this.calls.get(callId);
    if (!call || call.isolated) return;
    call.isolated = true;
    try {
      call.remoteGain.disconnect(this.headsetBus);
    } catch {
      // not connected
    }
    this.applyGates(call);
  }

  private applyGates(call: CallAudio): void {
    const micOpen = !call.muted && !call.held && !call.isolated;
    call.micGate.gain.value = micOpen ? 1 : 0;
    call.shadowGate.gain.value = call.held ? 0 : 1;
    call.remoteGain.gain.value = call.held ? 0 : 1;
    for (const t of call.dest.stream.getAudioTracks()) t.enabled = !call.held;
  }

  /** Forgets a call; closes the microphones when no call is left. */
  releaseCall(callId: string): void {
    this.isolatedIds.delete(callId);
    const call = this.calls.get(callId);
    if (!call) return;
    this.calls.delete(callId);
    call.remoteSource?.disconnect();
    call.micGate.disconnect();
    call.shadowGate.disconnect();
    call.remoteGain.disconnect();
    try {
      this.micBus.disconnect(call.micGate);
    } catch {
      /* already disconnected */
    }
    if (this.bargeConnected) {
      try {
        this.shadowToClient.disconnect(call.shadowGate);
      } catch {
        /* already disconnected */
      }
    }
    for (const t of call.dest.stream.getTracks()) t.stop();
    if (call.remoteEl) {
      call.remoteEl.pause();
      call.remoteEl.srcObject = null;
    }
    if (this.calls.size === 0) {
      if (this.mic) this.closeInput(this.mic);
      this.mic = undefined;
      void this.syncShadowMic();
    }
  }

  /** Incoming ring on the ringer output only (the headset stays quiet). */
  startRinging(): void {
    const ctx = this.context();
    if (this.ring) return;
    void this.resume();
    const gain = ctx.createGain();
    gain.gain.value = 0;
    gain.connect(this.ringerBus);
    const oscs = [440, 480].map((hz) => {
      const o = ctx.createOscillator();
      o.frequency.value = hz;
      const g = ctx.createGain();
      g.gain.value = 0.2;
      o.connect(g).connect(gain);
      o.start();
      return o;
    });
    const schedule = (): void => {
      const t = ctx.currentTime + 0.02;
      gain.gain.setValueAtTime(1, t);
      gain.gain.setValueAtTime(0, t + RING_ON_S);
    };
    schedule();
    const timer = this.deps.setInterval(schedule, RING_PERIOD_S * 1000);
    this.ring = { oscs, gain, timer };
  }

  stopRinging(): void {
    const ring = this.ring;
    if (!ring) return;
    this.ring = undefined;
    this.deps.clearInterval(ring.timer);
    ring.gain.gain.cancelScheduledValues(0);
    ring.gain.gain.value = 0;
    for (const o of ring.oscs) {
      o.stop();
      o.disconnect();
    }
    ring.gain.disconnect();
  }

  get isRinging(): boolean {
    return this.ring !== undefined;
  }

  /** Changes devices and shadow settings; live calls keep going. */
  async setRouting(partial: Partial<AudioRouting>): Promise<AudioRouting> {
    const before = this.routing;
    this.routing = { ...this.routing, ...partial };
    if (!this.ctx) return this.getRouting();
    if (before.headsetOutputId !== this.routing.headsetOutputId) await this.applySink('headset');
    if (before.ringerOutputId !== this.routing.ringerOutputId) await this.applySink('ringer');
    if (before.shadowOutputId !== this.routing.shadowOutputId) await this.applySink('shadowOutput');
    if (before.microphoneId !== this.routing.microphoneId && this.calls.size > 0) await this.ensureMic();
    this.applyShadowGains();
    await this.syncShadowMic();
    return this.getRouting();
  }

  /** After `devicechange`: selected devices that vanished fall back to the default. */
  async handleDevicesChanged(inputIds: ReadonlySet<string>, outputIds: ReadonlySet<string>): Promise<void> {
    const r = this.routing;
    const patch: Partial<AudioRouting> = {};
    const lost = (id: string | null, ids: ReadonlySet<string>): boolean =>
      id !== null && id !== '' && id !== 'default' && !ids.has(id);
    if (lost(r.microphoneId, inputIds)) {
      this.deps.onFallback('microphone', r.microphoneId, 'The microphone was unplugged; using the default microphone.');
      patch.microphoneId = '';
    }
    if (lost(r.shadowMicrophoneId, inputIds)) {
      this.deps.onFallback(
        'shadowMicrophone',
        r.shadowMicrophoneId,
        'The shadow microphone was unplugged; using the default microphone.',
      );
      patch.shadowMicrophoneId = '';
    }
    if (lost(r.headsetOutputId, outputIds)) {
      this.deps.onFallback('headset', r.headsetOutputId, 'The headset was unplugged; using the default output.');
      patch.headsetOutputId = '';
    }
    if (lost(r.ringerOutputId, outputIds)) {
      this.deps.onFallback('ringer', r.ringerOutputId, 'The ringer output was unplugged; using the default output.');
      patch.ringerOutputId = '';
    }
    if (lost(r.shadowOutputId, outputIds)) {
      this.deps.onFallback(
        'shadowOutput',
        r.shadowOutputId ?? '',
        'The shadow headset was unplugged; using the default output.',
      );
      patch.shadowOutputId = '';
    }
    // A microphone whose track ended (unplugged) is reopened even if its id is still listed.
    const micDead = this.mic && !this.mic.stream.getAudioTracks().some((t) => t.readyState === 'live');
    if (Object.keys(patch).length > 0) await this.setRouting(patch);
    else if (micDead && this.calls.size > 0) {
      this.mic = undefined;
      await this.ensureMic();
    }
  }

  /** A level meter on one of the mixes. */
  meter(bus: 'headset' | 'shadow' | 'ringer' | 'microphone'): LevelMeter {
    const ctx = this.context();
    const node =
      bus === 'headset'
        ? this.headsetBus
        : bus === 'shadow'
          ? this.shadowBus
          : bus === 'ringer'
            ? this.ringerBus
            : this.micBus;
    return createMeter(ctx, node);
  }

  diagnostics(): AudioDiagnostics {
    if (!this.ctx) {
      return {
        contextState: 'none',
        headset: { sinkId: this.routing.headsetOutputId, playing: false },
        ringer: { sinkId: this.routing.ringerOutputId, playing: false, ringing: false },
        shadow: {
          sinkId: this.routing.shadowOutputId,
          playing: false,
          mode: this.routing.shadowMode,
          microphoneOpen: false,
        },
        microphoneOpen: false,
      };
    }
    const playing = (el: SinkAudio): boolean => !el.paused && el.srcObject !== null;
    return {
      contextState: this.ctx.state,
      headset: { sinkId: this.headsetEl.sinkId ?? '', playing: playing(this.headsetEl) },
      ringer: { sinkId: this.ringerEl.sinkId ?? '', playing: playing(this.ringerEl), ringing: this.isRinging },
      shadow: {
        sinkId: this.routing.shadowOutputId === null ? null : (this.shadowEl.sinkId ?? ''),
        playing: this.routing.shadowOutputId !== null && playing(this.shadowEl),
        mode: this.routing.shadowMode,
        microphoneOpen: this.shadowMic !== undefined,
      },
      microphoneOpen: this.mic !== undefined,
    };
  }

  async close(): Promise<void> {
    this.stopRinging();
    for (const id of [...this.calls.keys()]) this.releaseCall(id);
    if (this.mic) this.closeInput(this.mic);
    if (this.shadowMic) this.closeInput(this.shadowMic);
    this.mic = undefined;
    this.shadowMic = undefined;
    if (this.ctx) {
      for (const el of [this.headsetEl, this.shadowEl, this.ringerEl]) {
        el.pause();
        el.srcObject = null;
      }
      const ctx = this.ctx;
      this.ctx = undefined;
      this.bargeConnected = false;
      await ctx.close().catch(() => undefined);
    }
  }
}

/** AnalyserNode FFT meter (stats `audioLevel` reads 0 on muted elements: test-stack.md). */
export function createMeter(ctx: BaseAudioContext, node: AudioNode): LevelMeter {
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 8192;
  analyser.smoothingTimeConstant = 0;
  node.connect(analyser);
  const time = new Float32Array(analyser.fftSize);
  const freq = new Float32Array(analyser.frequencyBinCount);
  return {
    levelDb() {
      analyser.getFloatTimeDomainData(time);
      let sum = 0;
      for (const v of time) sum += v * v;
      const rms = Math.sqrt(sum / time.length);
      return rms > 0 ? 20 * Math.log10(rms) : -Infinity;
    },
    bandDb(hz: number) {
      analyser.getFloatFrequencyData(freq);
      const bin = Math.round(hz / (ctx.sampleRate / analyser.fftSize));
      let best = -Infinity;
      for (let i = Math.max(0, bin - 2); i <= Math.min(freq.length - 1, bin + 2); i++)
        best = Math.max(best, freq[i] as number);
      return best;
    },
    dispose() {
      try {
        node.disconnect(analyser);
      } catch {
        /* already gone */
      }
    },
  };
}
