/**
 * The softphone engine: SIP over WebSocket (RFC 7118) with SIP.js 0.21, WebRTC audio,
 * device routing, presence and SIP MESSAGE. Plain TypeScript for the renderer: no React,
 * no store, no Node. The app talks to it through {@link SoftphoneEngine} and its events.
 */
import {
  Invitation,
  Inviter,
  Messager,
  Registerer,
  RegistererState,
  RequestPendingError,
  type Session,
  SessionState,
  SIPExtension,
  UserAgent,
  UserAgentState,
  Web,
} from 'sip.js';
import type {
  Core,
  Info,
  Message,
  Referral,
  UserAgentOptions,
  SessionDescriptionHandler as SdhApi,
  Notification,
} from 'sip.js';

import { validateAccount } from './account';
import { AudioRouter, createMeter } from './audio-router';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff';
import type { BackoffPolicy } from './backoff';
import { extractCallerId, parseNameAddr, uriNumber } from './caller-id';
import { applyDialRules } from './dial-rules';
import type { DialRules } from './dial-rules';
import { TypedEmitter } from './emitter';
import { estimateMos } from './mos';
import { PresenceManager } from './presence';
import type {
  AudioDevices,
  AudioDiagnostics,
  AudioRouting,
  CallbackFirstOptions,
  CallbackResult,
  CallInfo,
  CallMedia,
  ColleagueState,
  DtmfMethod,
  EngineLogger,
  EngineTimers,
  HangupCause,
  LevelMeter,
  MessageResult,
  OwnPresence,
  RegistrationStatus,
  ShadowMode,
  SoftphoneEngineOptions,
  SoftphoneEvents,
  TransferResult,
} from './types';
import { errorMessage } from '../../../../shared/error-message';

type IncomingResponse = Core.IncomingResponse;

/** The engine's public surface. */
export interface SoftphoneEngine {
  /** Connects and registers; resolves once the first attempt is made (see `registration` events). */
  start(): Promise<void>;
  /** Hangs up, unsubscribes, unpublishes, un-REGISTERs and disconnects. */
  stop(): Promise<void>;
  /** The host saw the machine wake from sleep: reconnect and re-register now. */
  notifyWake(): void;
  /** The host saw the network come back: reconnect and re-register now. */
  notifyOnline(): void;
  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof SoftphoneEvents>(event: K, listener: (payload: SoftphoneEvents[K]) => void): () => void;
  readonly registration: RegistrationStatus;
  getCalls(): CallInfo[];
  getCall(callId: string): CallInfo | undefined;

  /** Places a call to a SIP URI or a dial string (dial rules applied). Returns the call id. */
  call(target: string): Promise<string>;
  /** Calls the last number dialled again. */
  redial(): Promise<string>;
  /** Answers a ringing call; other active calls are put on hold first (call waiting). */
  answer(callId: string): Promise<void>;
  /** Declines a ringing call (603 Decline, or 486 Busy Here with `busy`). */
  decline(callId: string, opts?: { busy?: boolean }): Promise<void>;
  /** Answers, then blind-transfers the call to `target`. */
  answerAndTransfer(callId: string, target: string): Promise<TransferResult>;
  /**
   * Callback-first call (« Appeler via BLEAD »): rings the agent's device first; once it
   * answers, calls the contact and bridges the two legs in this page (each leg's received
   * track, cloned, sent on the other's sender; no re-INVITE). The agent's microphone and
   * headset stay out of both legs; the shadow headset hears both. Either leg hanging up
   * ends the other. Resolves when it is all over.
   */
  callbackFirst(deviceTarget: string, contactTarget: string, opts: CallbackFirstOptions): Promise<CallbackResult>;
  /** Cancels an outgoing call that has not been answered. */
  cancel(callId: string): Promise<void>;
  /** Ends a call whatever its state (cancel, decline or BYE). */
  hangup(callId: string): Promise<void>;
  mute(callId: string): void;
  unmute(callId: string): void;
  /** Re-INVITE sendonly + silenced microphone; resolves with the resulting hold state. */
  hold(callId: string): Promise<CallInfo['hold']>;
  resume(callId: string): Promise<CallInfo['hold']>;
  /** DTMF: RFC 4733 through RTCDTMFSender, SIP INFO (application/dtmf-relay) as fallback. */
  sendDtmf(callId: string, digits: string, opts?: { method?: DtmfMethod | 'auto' }): Promise<DtmfMethod>;
  /** Blind transfer (REFER, RFC 3515); resolves once the target answered (NOTIFY 200) or it failed. */
  blindTransfer(callId: string, target: string): Promise<TransferResult>;
  /** Puts `callId` on hold and calls `target`; returns the consultation call id. */
  startConsult(callId: string, target: string): Promise<string>;
  /** REFER with Replaces (RFC 3891) to hand `callId` to the party of `consultId`. */
  completeAttendedTransfer(callId: string, consultId: string): Promise<TransferResult>;

  listDevices(): Promise<AudioDevices>;
  getAudioRouting(): AudioRouting;
  setAudioRouting(partial: Partial<AudioRouting>): Promise<AudioRouting>;
  setShadowMode(mode: ShadowMode): Promise<AudioRouting>;
  /** Resumes audio output (call from a user gesture in a browser with an autoplay policy). */
  resumeAudio(): Promise<void>;
  audioDiagnostics(): AudioDiagnostics;
  /** Level meter on a mix ('headset', 'shadow', 'ringer', 'microphone') or a call's remote audio. */
  meter(target: 'headset' | 'shadow' | 'ringer' | 'microphone' | { callId: string }): LevelMeter | undefined;
  getCallMedia(callId: string): CallMedia | undefined;

  setOwnPresence(state: OwnPresence): Promise<void>;
  readonly ownPresence: OwnPresence;
  /** Watches these colleagues' presence and dialogs (replaces the previous list). */
  watch(colleagueUris: readonly string[]): void;
  getColleagues(): ColleagueState[];

  /** SIP MESSAGE (RFC 3428). */
  sendMessage(target: string, body: string): Promise<MessageResult>;
}

interface CallRecord {
  info: CallInfo;
  session: Session;
  pendingCause?: HangupCause;
  pendingStatus?: number;
  pendingReason?: string;
  recoveryTimer?: unknown;
  reinviteBusy: boolean;
  heldWanted: boolean;
  lastStats?: { lost: number; received: number };
  replacedBy?: string;
  remoteDigitsSeen: number;
}

const AUDIO_ONLY = { constraints: { audio: true, video: false } } as const;

const defaultTimers: EngineTimers = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  setInterval: (fn, ms) => globalThis.setInterval(fn, ms),
  clearInterval: (h) => globalThis.clearInterval(h as ReturnType<typeof setInterval>),
};

const silentLogger: EngineLogger = { debug() {}, info() {}, warn() {}, error() {} };

function causeFromStatus(code: number): HangupCause {
  if (code === 486 || code === 600) return 'busy';
  if (code === 603) return 'declined';
  if (code === 404 || code === 604 || code === 484) return 'not_found';
  if (code === 408 || code === 480) return 'no_answer';
  if (code === 487) return 'cancelled';
  return 'rejected';
}

/** Parses the `Signal=` of an application/dtmf-relay INFO body. */
function dtmfFromInfo(body: string): string | undefined {
  const m = /signal\s*=\s*([0-9A-D#*])/i.exec(body);
  return m ? (m[1] as string).toUpperCase() : undefined;
}

class Engine implements SoftphoneEngine {
  private readonly emitter: TypedEmitter<SoftphoneEvents>;
  private readonly timers: EngineTimers;
  private readonly log: EngineLogger;
  private readonly audio: AudioRouter;
  private readonly presence: PresenceManager;
  private readonly dialRules: DialRules;
  private readonly backoff: BackoffPolicy;
  private readonly domain: string;
  private ua: UserAgent | undefined;
  private registerer: Registerer | undefined;
  private status: RegistrationStatus = { state: 'stopped', attempt: 0 };
  private retryTimer: unknown;
  private registerInFlight: Promise<void> | undefined;
  private stopping = false;
  private started = false;
  private reconnecting = false;
  private readonly calls = new Map<string, CallRecord>();
  /** The last ended calls (most recent last), for waits that start after the end. */
  private readonly lastEnded = new Map<string, CallInfo>();
  private readonly bySession = new WeakMap<Session, CallRecord>();
  private readonly bySdh = new WeakMap<object, Session>();
  private callSeq = 0;
  private lastDialed: string | undefined;
  private qualityTimer: unknown;
  private deviceListener: (() => void) | undefined;

  constructor(private readonly options: SoftphoneEngineOptions) {
    const { domain } = validateAccount(options.account);
    this.domain = domain;
    this.timers = options.timers ?? defaultTimers;
    this.log = options.logger ?? silentLogger;
    this.emitter = new TypedEmitter<SoftphoneEvents>((event, error) =>
      this.log.error(`listener of ${String(event)} threw`, error),
    );
    this.dialRules = { domain, ...options.dialRules };
    this.backoff = { ...DEFAULT_BACKOFF, ...options.backoff };
    const gum = options.getUserMedia ?? ((c: MediaStreamConstraints) => navigator.mediaDevices.getUserMedia(c));
    this.audio = new AudioRouter(
      {
        getUserMedia: gum,
        logger: this.log,
        onFallback: (role, lostDeviceId, message) => {
          this.emitter.emit('deviceFallback', { role, lostDeviceId, message });
          this.emitter.emit('audioRouting', this.audio.getRouting());
        },
        setInterval: (fn, ms) => this.timers.setInterval(fn, ms),
        clearInterval: (h) => this.timers.clearInterval(h),
      },
      options.audio,
    );
    this.presence = new PresenceManager({
      ua: () => this.ua,
      aor: options.account.uri,
      expires: options.presenceExpires ?? 120,
      timers: this.timers,
      logger: this.log,
      isRegistered: () => this.status.state === 'registered',
      onColleague: (state) => this.emitter.emit('colleague', state),
      onOwn: (state, published) => this.emitter.emit('ownPresence', { state, published }),
      onUnavailable: (method, reason) => this.emitter.emit('presenceUnavailable', { method, reason }),
    });
    if (options.initialPresence) void this.presence.setOwn(options.initialPresence);
  }

  // ───────────────────────────── events & snapshots ─────────────────────────────

  on<K extends keyof SoftphoneEvents>(event: K, listener: (payload: SoftphoneEvents[K]) => void): () => void {
    return this.emitter.on(event, listener);
  }

  get registration(): RegistrationStatus {
    return { ...this.status };
  }

  getCalls(): CallInfo[] {
    return [...this.calls.values()].map((r) => ({ ...r.info }));
  }

  getCall(callId: string): CallInfo | undefined {
    const r = this.calls.get(callId);
    return r ? { ...r.info } : undefined;
  }

  private setRegistration(patch: Partial<RegistrationStatus> & { state: RegistrationStatus['state'] }): void {
    const next: RegistrationStatus = { attempt: this.status.attempt, ...patch };
    if (patch.state !== 'retrying') delete next.nextRetryAt;
    if (patch.lastError === undefined && patch.state !== 'registered' && this.status.lastError !== undefined)
      next.lastError = this.status.lastError;
    this.status = next;
    this.emitter.emit('registration', { ...next });
  }

  private update(rec: CallRecord, patch: Partial<CallInfo> = {}): void {
    rec.info = { ...rec.info, ...patch };
    this.emitter.emit('callUpdated', { ...rec.info });
  }

  // ───────────────────────────── user agent & registration ─────────────────────────────

  private buildUserAgent(): UserAgent {
    const acc = this.options.account;
    const uri = UserAgent.makeURI(acc.uri);
    if (!uri) throw new Error(`Invalid SIP URI ${acc.uri}`);
    const factory = Web.defaultSessionDescriptionHandlerFactory((constraints, sdh) => this.mediaStreamFor(sdh));
    const uaOptions: UserAgentOptions = {
      uri,
      transportOptions: { server: acc.server, connectionTimeout: 4, keepAliveInterval: 15 },
      authorizationUsername: acc.authUser ?? uri.user ?? '',
      authorizationPassword: acc.password ?? '',
      displayName: acc.displayName ?? '',
      // SIP.js's own reconnection stays off (its default): we run the back-off ourselves
      // (its fixed delay gives up after N attempts).
      sipExtensionReplaces: SIPExtension.Supported,
      logBuiltinEnabled: false,
      logLevel: 'warn',
      logConnector: (level, category, _label, content) => {
        if (level === 'error') this.log.error(`[${category}] ${content}`);
        else if (level === 'warn') this.log.warn(`[${category}] ${content}`);
        else this.log.debug(`[${category}] ${content}`);
      },
      sessionDescriptionHandlerFactory: (session, opts) => {
        const sdh = factory(session, opts) as Web.SessionDescriptionHandler & {
          rollbackDescription?: () => Promise<void>;
        };
        // SIP.js's web handler has no rollback: after a refused re-INVITE (491 glare, a
        // refused hold) the connection would stay in have-local-offer and every later
        // re-INVITE fail. Session.rollbackOffer() calls this (RFC 3264 section 8; JSEP rollback).
        sdh.rollbackDescription = async () => {
          const pc = sdh.peerConnection;
          if (pc && pc.signalingState === 'have-local-offer') await pc.setLocalDescription({ type: 'rollback' });
        };
        this.bySdh.set(sdh, session);
        return sdh;
      },
      sessionDescriptionHandlerFactoryOptions: {
        peerConnectionConfiguration: { iceServers: acc.iceServers ?? [] },
        iceGatheringTimeout: 3000,
      },
      delegate: {
        onConnect: () => this.log.info('transport connected'),
        onDisconnect: (error) => this.onTransportLost(error ? errorMessage(error) : 'WebSocket closed'),
        onInvite: (invitation) => this.onInvite(invitation),
        onMessage: (message) => this.onMessage(message),
      },
    };
    if (this.options.userAgentString) uaOptions.userAgentString = this.options.userAgentString;
    const ua = new UserAgent(uaOptions);
    const registerer = new Registerer(ua, { expires: this.options.registerExpires ?? 300 });
    registerer.stateChange.addListener((state) => {
      // A refresh that failed (SIP.js refreshes by itself) lands here as Unregistered.
      if (state === RegistererState.Unregistered && this.status.state === 'registered' && !this.stopping) {
        this.scheduleRetry('Registration lost');
      }
    });
    this.ua = ua;
    this.registerer = registerer;
    return ua;
  }

  /** The stream a call sends: its WebAudio mix (see audio-router.ts). */
  private async mediaStreamFor(sdh: object): Promise<MediaStream> {
    const session = this.bySdh.get(sdh);
    const rec = session ? this.bySession.get(session) : undefined;
    return this.audio.createSendStream(rec ? rec.info.id : `orphan-${++this.callSeq}`);
  }

  async start(): Promise<void> {
    if (this.started) return;
    this.started = true;
    this.stopping = false;
    this.watchDevices();
    const ua = this.buildUserAgent();
    this.setRegistration({ state: 'connecting', attempt: 0 });
    try {
      await ua.start();
      await this.register();
    } catch (e) {
      this.scheduleRetry(errorMessage(e));
    }
    this.qualityTimer = this.timers.setInterval(
      () => void this.sampleQuality(),
      this.options.qualityIntervalMs ?? 5000,
    );
  }

  /**
   * One REGISTER at a time (SIP.js #1071): a request while one is pending joins it; SIP.js's
   * own `waiting` flag is respected too (it rejects a second REGISTER with RequestPendingError).
   */
  private register(): Promise<void> {
    if (this.registerInFlight) return this.registerInFlight;
    const registerer = this.registerer;
    if (!registerer) return Promise.reject(new Error('not started'));
    this.setRegistration({ state: 'registering' });
    const attempt = new Promise<void>((resolve, reject) => {
      let settled = false;
      const watchdog = this.timers.setTimeout(() => done(new Error('REGISTER timed out')), 12_000);
      function done(this: void, err?: Error): void {
        if (settled) return;
        settled = true;
        clearWatchdog();
        if (err) reject(err);
        else resolve();
      }
      const clearWatchdog = (): void => this.timers.clearTimeout(watchdog);
      const send = (): void => {
        registerer
          .register({
            requestDelegate: {
              onAccept: () => done(),
              onReject: (res: IncomingResponse) =>
                done(new Error(`${res.message.statusCode} ${res.message.reasonPhrase}`)),
            },
          })
          .catch((e: unknown) => {
            // SIP.js's own refresh may be in flight (RequestPendingError): wait for it, never
            // send a second REGISTER alongside it.
            if (e instanceof RequestPendingError && !settled) this.timers.setTimeout(send, 300);
            else done(e instanceof Error ? e : new Error(String(e)));
          });
      };
      send();
    });
    this.registerInFlight = attempt
      .then(() => {
        this.setRegistration({ state: 'registered', attempt: 0 });
        this.onRegistered();
      })
      .finally(() => {
        this.registerInFlight = undefined;
      });
    return this.registerInFlight;
  }

  private onRegistered(): void {
    this.presence.onRegistered();
    for (const rec of this.calls.values()) {
      if (!rec.info.recovering) continue;
      // Avoid re-INVITE glare when both ends reconnect (SIP.js cannot untangle an offer that
      // crosses its own, see recoverCall): the side that answered the call goes first; the
      // side that placed it (owner of the Call-ID, RFC 3261 section 14.1) waits and only
      // renegotiates if the far end has not done so meanwhile (`onInvite` below).
      const delay = rec.session instanceof Inviter ? 2000 + Math.floor(Math.random() * 1000) : 0;
      this.timers.setTimeout(() => {
        if (rec.info.recovering) void this.recoverCall(rec);
      }, delay);
    }
  }

  private cancelRetry(): void {
    if (this.retryTimer !== undefined) this.timers.clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
  }

  private scheduleRetry(reason: string): void {
    if (this.stopping || !this.started) return;
    this.cancelRetry();
    const attempt = this.status.attempt;
    const delay = backoffDelay(attempt, this.backoff);
    const nextRetryAt = this.timers.now() + delay;
    this.log.warn(`registration failed (${reason}); retry in ${delay} ms`);
    this.setRegistration({ state: 'retrying', lastError: reason, nextRetryAt, attempt: attempt + 1 });
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = undefined;
      void this.reconnectAndRegister();
    }, delay);
  }

  private async reconnectAndRegister(): Promise<void> {
    const ua = this.ua;
    if (!ua || this.stopping || this.reconnecting) return;
    this.reconnecting = true;
    try {
      if (!ua.isConnected()) {
        this.setRegistration({ state: 'connecting' });
        await ua.reconnect();
      }
      await this.register();
    } catch (e) {
      this.scheduleRetry(errorMessage(e));
    } finally {
      this.reconnecting = false;
    }
  }

  /** WebSocket dropped (server restart, network loss, sleep). */
  private onTransportLost(reason: string): void {
    if (this.stopping || !this.started) return;
    this.log.warn(`transport lost: ${reason}`);
    this.presence.onConnectionLost();
    this.markCallsRecovering();
    // A reconnection attempt in progress schedules its own retry when it fails.
    if (this.reconnecting || this.status.state === 'retrying') return;
    this.status = { ...this.status, attempt: 0 };
    this.scheduleRetry(reason);
  }

  /**
   * Calls not yet established cannot survive a lost transport (their transactions are gone):
   * they end now. Established ones keep their media and wait for re-registration, then get
   * a re-INVITE with ICE restart (SIP.js #1024/#1088); past the timeout they end.
   */
  private markCallsRecovering(): void {
    for (const rec of [...this.calls.values()]) {
      if (rec.info.state === 'active') {
        if (!rec.info.recovering) {
          this.update(rec, { recovering: true });
          rec.recoveryTimer = this.timers.setTimeout(() => {
            if (rec.info.recovering)
              this.endLocally(rec, 'connection_lost', 'The connection did not come back in time');
          }, this.options.callRecoveryTimeoutMs ?? 30_000);
        }
      } else if (rec.info.state !== 'ended') {
        this.endLocally(rec, 'connection_lost', 'Connection to the server lost');
      }
    }
  }

  private async recoverCall(rec: CallRecord, tries = 0): Promise<void> {
    const session = rec.session;
    if (session.state !== SessionState.Established || rec.info.state === 'ended') return;
    if (rec.reinviteBusy) {
      this.timers.setTimeout(() => void this.recoverCall(rec, tries), 300);
      return;
    }
    rec.reinviteBusy = true;
    const ok = await new Promise<boolean | 'glare'>((resolve) => {
      session
        .invite({
          requestDelegate: {
            onAccept: () => resolve(true),
            onReject: (res: IncomingResponse) => resolve(res.message.statusCode === 491 ? 'glare' : false),
          },
          sessionDescriptionHandlerOptions: {
            ...AUDIO_ONLY,
            hold: rec.heldWanted,
            offerOptions: { iceRestart: true },
          } as Web.SessionDescriptionHandlerOptions,
        })
        .catch(() => resolve(false));
    });
    rec.reinviteBusy = false;
    if (ok === true) {
      if (rec.recoveryTimer !== undefined) this.timers.clearTimeout(rec.recoveryTimer);
      rec.recoveryTimer = undefined;
      this.log.info(`call ${rec.info.id} renegotiated after reconnection (re-INVITE with ICE restart)`);
      this.update(rec, { recovering: false });
    } else if (ok === 'glare' && tries < 4) {
      // RFC 3261 section 14.1: both sides re-INVITEd (491). The owner of the Call-ID (we
      // sent the INVITE) waits 2.1–4 s, the other side 0–2 s, so one of them goes first.
      const owner = session instanceof Inviter;
      const delay = owner ? 2100 + Math.floor(Math.random() * 1900) : Math.floor(Math.random() * 2000);
      this.timers.setTimeout(() => void this.recoverCall(rec, tries + 1), delay);
    } else if (rec.info.recovering) {
      // The far end may have recovered the call itself (its re-INVITE reached us): keep it
      // while the remote keeps sending, otherwise end it.
      if (await this.mediaFlowing(rec)) {
        this.log.warn(`call ${rec.info.id}: re-INVITE failed but media still flows; keeping the call`);
        if (rec.recoveryTimer !== undefined) this.timers.clearTimeout(rec.recoveryTimer);
        rec.recoveryTimer = undefined;
        this.update(rec, { recovering: false });
      } else {
        await this.hangupRecord(rec, 'connection_lost');
      }
    }
  }

  private async mediaFlowing(rec: CallRecord): Promise<boolean> {
    const pc = this.pcOf(rec);
    if (!pc || pc.connectionState === 'failed' || pc.connectionState === 'closed') return false;
    const count = async (): Promise<number> => {
      let n = 0;
      (await pc.getStats()).forEach((s: { type: string; kind?: string; packetsReceived?: number }) => {
        if (s.type === 'inbound-rtp' && s.kind === 'audio') n += s.packetsReceived ?? 0;
      });
      return n;
    };
    const a = await count();
    await new Promise((r) => this.timers.setTimeout(() => r(undefined), 400));
    return (await count()) > a;
  }

  private forceReconnect(reason: string): void {
    if (!this.started || this.stopping || !this.ua) return;
    this.log.info(`reconnecting: ${reason}`);
    this.cancelRetry();
    this.status = { ...this.status, attempt: 0 };
    this.markCallsRecovering();
    const ua = this.ua;
    // A socket that survived sleep may be half-dead: drop it and start again.
    const transport = ua.transport;
    const wasConnected = transport.isConnected();
    this.reconnecting = true;
    void (async () => {
      try {
        if (wasConnected) await transport.disconnect().catch(() => undefined);
        this.setRegistration({ state: 'connecting' });
        await ua.reconnect();
        this.reconnecting = false;
        await this.register();
      } catch (e) {
        this.reconnecting = false;
        this.scheduleRetry(errorMessage(e));
      }
    })();
  }

  notifyWake(): void {
    this.forceReconnect('wake from sleep');
  }

  notifyOnline(): void {
    this.forceReconnect('network online');
  }

  async stop(): Promise<void> {
    if (!this.started) return;
    this.stopping = true;
    this.cancelRetry();
    this.setRegistration({ state: 'stopping' });
    if (this.qualityTimer !== undefined) this.timers.clearInterval(this.qualityTimer);
    this.qualityTimer = undefined;
    for (const rec of [...this.calls.values()]) await this.hangupRecord(rec, 'local_hangup').catch(() => undefined);
    await this.presence.shutdown().catch(() => undefined);
    const ua = this.ua;
    if (ua && this.registerer && ua.isConnected() && this.registerer.state === RegistererState.Registered) {
      await Promise.race([
        new Promise<void>((resolve) => {
          this.registerer
            ?.unregister({ requestDelegate: { onAccept: () => resolve(), onReject: () => resolve() } })
            .catch(() => resolve());
        }),
        new Promise<void>((r) => this.timers.setTimeout(r, 2000)),
      ]);
    }
    if (ua && ua.state !== UserAgentState.Stopped)
      await Promise.race([ua.stop().catch(() => undefined), new Promise<void>((r) => this.timers.setTimeout(r, 3000))]);
    if (this.deviceListener) navigator.mediaDevices?.removeEventListener('devicechange', this.deviceListener);
    this.deviceListener = undefined;
    await this.audio.close();
    this.ua = undefined;
    this.registerer = undefined;
    this.started = false;
    this.stopping = false;
    this.setRegistration({ state: 'stopped', attempt: 0 });
  }

  // ───────────────────────────── calls ─────────────────────────────

  private newRecord(
    session: Session,
    info: Omit<CallInfo, 'id' | 'muted' | 'hold' | 'recovering' | 'waiting' | 'startedAt'> & Partial<CallInfo>,
  ): CallRecord {
    const id = `call-${++this.callSeq}-${Math.random().toString(36).slice(2, 8)}`;
    const rec: CallRecord = {
      info: {
        id,
        muted: false,
        hold: 'none',
        recovering: false,
        waiting: false,
        startedAt: this.timers.now(),
        ...info,
      },
      session,
      reinviteBusy: false,
      heldWanted: false,
      remoteDigitsSeen: 0,
    };
    this.calls.set(id, rec);
    this.bySession.set(session, rec);
    this.wireSession(rec);
    return rec;
  }

  private activeOthers(exceptId: string): CallRecord[] {
    return [...this.calls.values()].filter(
      (r) => r.info.id !== exceptId && r.info.state !== 'ended' && r.info.state !== 'ringing',
    );
  }

  private wireSession(rec: CallRecord): void {
    const session = rec.session;
    session.delegate = {
      onBye: () => {
        if (!rec.pendingCause) rec.pendingCause = 'remote_hangup';
      },
      onInfo: (info: Info) => this.onInfo(rec, info),
      // A re-INVITE from the far end was answered: after a reconnection that is the far end
      // renegotiating for both of us (our 2xx carries our new Contact, a target refresh,
      // RFC 3261 section 12.2.1.2).
      onInvite: (_request, _response, statusCode: number) => {
        if (statusCode >= 200 && statusCode < 300 && rec.info.recovering && this.status.state === 'registered') {
          if (rec.recoveryTimer !== undefined) this.timers.clearTimeout(rec.recoveryTimer);
          rec.recoveryTimer = undefined;
          this.log.info(
            `call ${rec.info.id} renegotiated by the far end after reconnection (re-INVITE with ICE restart)`,
          );
          this.update(rec, { recovering: false });
        }
      },
      // Handle REFER ourselves: without a delegate SIP.js accepts and follows it silently.
      onRefer: (referral: Referral) => void this.onRefer(rec, referral),
      onSessionDescriptionHandler: (sdh: SdhApi) => {
        const web = sdh as Web.SessionDescriptionHandler;
        web.remoteMediaStream.addEventListener('addtrack', () =>
          this.audio.attachRemote(rec.info.id, web.remoteMediaStream),
        );
      },
    };
    session.stateChange.addListener((state) => {
      if (state === SessionState.Established) {
        const web = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
        if (web) this.audio.attachRemote(rec.info.id, web.remoteMediaStream);
        this.audio.setCallGates(rec.info.id, { muted: rec.info.muted, held: rec.heldWanted });
        if (rec.info.state !== 'active')
          this.update(rec, { state: 'active', answeredAt: this.timers.now(), waiting: false });
        this.syncRinging();
      } else if (state === SessionState.Terminated) {
        this.finish(rec);
      }
    });
  }

  private finish(rec: CallRecord, cause?: HangupCause, reason?: string): void {
    if (rec.info.state === 'ended') return;
    if (rec.recoveryTimer !== undefined) this.timers.clearTimeout(rec.recoveryTimer);
    const endCause: HangupCause =
      cause ??
      rec.pendingCause ??
      (rec.info.answeredAt ? 'remote_hangup' : rec.info.direction === 'inbound' ? 'missed' : 'failed');
    const patch: Partial<CallInfo> = { state: 'ended', endedAt: this.timers.now(), endCause, recovering: false };
    if (rec.pendingStatus !== undefined) patch.endStatusCode = rec.pendingStatus;
    const why = reason ?? rec.pendingReason;
    if (why !== undefined) patch.endReason = why;
    rec.info = { ...rec.info, ...patch };
    this.audio.releaseCall(rec.info.id);
    this.calls.delete(rec.info.id);
    this.lastEnded.set(rec.info.id, rec.info);
    if (this.lastEnded.size > 20) this.lastEnded.delete(this.lastEnded.keys().next().value as string);
    this.emitter.emit('callUpdated', { ...rec.info });
    this.emitter.emit('callEnded', { ...rec.info });
    this.syncRinging();
  }

  /** Ends a call in our books now (and tells SIP.js to clean up as best it can). */
  private endLocally(rec: CallRecord, cause: HangupCause, reason: string): void {
    rec.pendingCause = cause;
    this.finish(rec, cause, reason);
    const s = rec.session;
    if (s.state !== SessionState.Terminated) void s.dispose().catch(() => undefined);
  }

  private syncRinging(): void {
    const ringing = [...this.calls.values()].filter((r) => r.info.state === 'ringing');
    const busy = [...this.calls.values()].some((r) => r.info.state !== 'ringing' && r.info.state !== 'ended');
    // Ring on the speakers only while idle; a waiting call is shown, not rung over the call.
    if (ringing.length > 0 && !busy) this.audio.startRinging();
    else this.audio.stopRinging();
  }

  private onInvite(invitation: Invitation): void {
    const req = invitation.request;
    const caller = extractCallerId({
      pAssertedIdentity: req.getHeaders('P-Asserted-Identity'),
      from: req.getHeader('From') ?? '',
    });
    const replacee = invitation.replacee;
    const replaced = replacee ? this.bySession.get(replacee) : undefined;
    const busy = [...this.calls.values()].some((r) => r.info.state !== 'ended');
    const rec = this.newRecord(invitation, {
      direction: 'inbound',
      state: 'ringing',
      remoteNumber: caller.number,
      remoteUri: caller.uri,
      waiting: busy && !replaced,
      ...(caller.name ? { remoteName: caller.name } : {}),
    });
    invitation.delegate = {
      ...invitation.delegate,
      onCancel: () => {
        rec.pendingCause = 'missed';
      },
    };
    if (replaced) {
      // INVITE with Replaces (RFC 3891): the other end of an attended transfer takes over a
      // call we already have; answer it at once and the replaced leg ends (SIP.js BYEs it).
      replaced.pendingCause = 'replaced';
      rec.replacedBy = replaced.info.id;
      this.emitter.emit('callUpdated', { ...rec.info });
      void this.answer(rec.info.id).catch((e: unknown) => this.log.warn('answering a Replaces INVITE failed', e));
      return;
    }
    // Emitted as soon as the INVITE is here, before answering, so the record can pop.
    this.emitter.emit('incomingCall', { ...rec.info });
    this.emitter.emit('callUpdated', { ...rec.info });
    this.syncRinging();
  }

  private need(callId: string): CallRecord {
    const rec = this.calls.get(callId);
    if (!rec) throw new Error(`No call ${callId}`);
    return rec;
  }

  private resolveTarget(target: string): { uri: string; dialed: string } {
    const r = applyDialRules(target, this.dialRules);
    if (!r.ok) throw new Error(r.reason === 'empty' ? 'Nothing to dial' : `Cannot dial "${target}"`);
    return { uri: r.uri, dialed: r.dialed };
  }

  async call(target: string, extra: { consultFor?: string; callback?: 'device' | 'contact' } = {}): Promise<string> {
    const ua = this.ua;
    if (!ua || this.status.state !== 'registered') throw new Error('The phone is not registered');
    const { uri } = this.resolveTarget(target);
    const targetUri = UserAgent.makeURI(uri);
    if (!targetUri) throw new Error(`Invalid target ${uri}`);
    const inviter = new Inviter(ua, targetUri, { sessionDescriptionHandlerOptions: AUDIO_ONLY });
    this.lastDialed = target;
    const rec = this.newRecord(inviter, {
      direction: 'outbound',
      state: 'calling',
      remoteNumber: uriNumber(uri),
      remoteUri: uri,
      ...(extra.consultFor ? { consultFor: extra.consultFor } : {}),
      ...(extra.callback ? { callback: extra.callback } : {}),
    });
    // Before the INVITE builds its media: the agent's microphone and headset stay out of it.
    if (extra.callback) this.audio.isolateCall(rec.info.id);
    this.emitter.emit('callUpdated', { ...rec.info });
    this.placeInvite(rec, inviter);
    return rec.info.id;
  }

  private placeInvite(rec: CallRecord, inviter: Inviter): void {
    inviter
      .invite({
        requestDelegate: {
          onProgress: (res: IncomingResponse) => {
            if ((res.message.statusCode ?? 0) >= 180 && rec.info.state === 'calling')
              this.update(rec, { state: 'proceeding' });
          },
          onReject: (res: IncomingResponse) => {
            const code = res.message.statusCode ?? 0;
            rec.pendingStatus = code;
            rec.pendingReason = `${code} ${res.message.reasonPhrase ?? ''}`.trim();
            if (!rec.pendingCause) rec.pendingCause = causeFromStatus(code);
          },
        },
      })
      .catch((e: unknown) => {
        if (rec.info.state !== 'ended') this.endLocally(rec, 'failed', errorMessage(e));
      });
  }

  redial(): Promise<string> {
    if (!this.lastDialed) return Promise.reject(new Error('Nothing to redial'));
    return this.call(this.lastDialed);
  }

  async answer(callId: string): Promise<void> {
    const rec = this.need(callId);
    if (!(rec.session instanceof Invitation) || rec.info.state !== 'ringing')
      throw new Error('This call is not ringing');
    // Call waiting: the call in progress goes on hold before we take the new one.
    for (const other of this.activeOthers(callId)) {
      if (other.info.state === 'active' && !other.heldWanted) await this.hold(other.info.id).catch(() => undefined);
    }
    this.update(rec, { state: 'connecting' });
    this.syncRinging();
    try {
      await rec.session.accept({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    } catch (e) {
      this.endLocally(rec, 'failed', errorMessage(e));
      throw e;
    }
  }

  async decline(callId: string, opts: { busy?: boolean } = {}): Promise<void> {
    const rec = this.need(callId);
    if (!(rec.session instanceof Invitation) || rec.info.state !== 'ringing')
      throw new Error('This call is not ringing');
    rec.pendingCause = 'declined';
    // 603 Decline / 486 Busy Here (RFC 3261 sections 21.6.2, 21.4.24)
    await rec.session.reject({ statusCode: opts.busy ? 486 : 603 });
  }

  async answerAndTransfer(callId: string, target: string): Promise<TransferResult> {
    await this.answer(callId);
    const rec = this.need(callId);
    if (rec.info.state !== 'active') {
      await new Promise<void>((resolve) => {
        const off = this.on('callUpdated', (c) => {
          if (c.id === callId && (c.state === 'active' || c.state === 'ended')) {
            off();
            resolve();
          }
        });
      });
    }
    return this.blindTransfer(callId, target);
  }

  /** Waits until a call is answered or ended, or `timeoutMs` passes (then `timeout`). */
  private waitAnsweredOrEnded(callId: string, timeoutMs: number): Promise<CallInfo | 'timeout'> {
    return new Promise((resolve) => {
      const done = (v: CallInfo | 'timeout'): void => {
        off();
        this.timers.clearTimeout(timer);
        resolve(v);
      };
      const off = this.on('callUpdated', (c) => {
        if (c.id === callId && (c.state === 'active' || c.state === 'ended')) done(c);
      });
      const timer = this.timers.setTimeout(() => done('timeout'), timeoutMs);
      const now = this.calls.get(callId)?.info;
      const ended = this.lastEnded.get(callId);
      if (!now) done(ended ? { ...ended } : 'timeout');
      else if (now.state === 'active') done({ ...now });
    });
  }

  /** Gives up a leg whatever its state (CANCEL, or BYE if the 200 OK crossed it). */
  private async dropLeg(callId: string): Promise<void> {
    const rec = this.calls.get(callId);
    if (rec) await this.hangupRecord(rec, 'local_hangup');
  }

  /** The audio sender and the received track of a call's connection. */
  private legMedia(callId: string): { sender: RTCRtpSender; track: MediaStreamTrack } | undefined {
    const pc = this.getCallMedia(callId)?.peerConnection;
    if (!pc) return undefined;
    const transceiver = pc.getTransceivers().find((t) => t.receiver.track.kind === 'audio');
    if (!transceiver) return undefined;
    return { sender: transceiver.sender, track: transceiver.receiver.track };
  }

  async callbackFirst(deviceTarget: string, contactTarget: string, opts: CallbackFirstOptions): Promise<CallbackResult> {
    const deviceId = await this.call(deviceTarget, { callback: 'device' });
    const device = await this.waitAnsweredOrEnded(deviceId, opts.ringTimeoutMs);
    if (device === 'timeout') {
      // If the 200 OK crosses the CANCEL, SIP.js ACKs and BYEs by itself (test-stack.md).
      await this.dropLeg(deviceId).catch(() => undefined);
      return { outcome: 'device_unanswered', durationS: null, reason: 'ring timeout' };
    }
    if (device.state === 'ended') {
      const unanswered = ['busy', 'no_answer', 'declined', 'cancelled', 'missed'].includes(device.endCause ?? '');
      return {
        outcome: unanswered ? 'device_unanswered' : 'failed',
        durationS: null,
        reason: device.endReason ?? device.endCause ?? 'device leg ended',
      };
    }

    let contactId: string;
    try {
      contactId = await this.call(contactTarget, { callback: 'contact' });
    } catch (e) {
      await this.dropLeg(deviceId).catch(() => undefined);
      return { outcome: 'failed', durationS: null, reason: errorMessage(e) };
    }
    // The agent may give up on the device while the contact rings.
    const deviceGone = new Promise<'device_ended'>((resolve) => {
      const off = this.on('callEnded', (c) => {
        if (c.id === deviceId) {
          off();
          resolve('device_ended');
        }
      });
      if (!this.calls.has(deviceId)) {
        off();
        resolve('device_ended');
      }
    });
    const contact = await Promise.race([
      this.waitAnsweredOrEnded(contactId, opts.contactRingTimeoutMs ?? 45_000),
      deviceGone,
    ]);
    if (contact === 'device_ended') {
      await this.dropLeg(contactId).catch(() => undefined);
      return { outcome: 'failed', durationS: null, reason: 'the device hung up before the contact answered' };
    }
    if (contact === 'timeout' || contact.state === 'ended') {
      await this.dropLeg(contactId).catch(() => undefined);
      await this.dropLeg(deviceId).catch(() => undefined);
      const reason = contact === 'timeout' ? 'ring timeout' : (contact.endReason ?? contact.endCause ?? 'contact leg ended');
      return { outcome: 'contact_unanswered', durationS: null, reason };
    }

    // Bridge: each leg hears the other (clones: SIP.js stops a session's tracks when it ends).
    const a = this.legMedia(deviceId);
    const b = this.legMedia(contactId);
    const clones: MediaStreamTrack[] = [];
    if (!a || !b) {
      await Promise.all([this.dropLeg(deviceId), this.dropLeg(contactId)]).catch(() => undefined);
      return { outcome: 'failed', durationS: null, reason: 'no media to bridge' };
    }
    const toDevice = b.track.clone();
    const toContact = a.track.clone();
    clones.push(toDevice, toContact);
    await Promise.all([a.sender.replaceTrack(toDevice), b.sender.replaceTrack(toContact)]);
    this.log.info(`callback-first: ${deviceId} and ${contactId} bridged`);

    // Either leg hanging up ends the other.
    const ended = await new Promise<CallInfo>((resolve) => {
      const off = this.on('callEnded', (c) => {
        if (c.id === deviceId || c.id === contactId) {
          off();
          resolve(c);
        }
      });
      const gone = [deviceId, contactId].map((id) => (this.calls.has(id) ? undefined : this.lastEnded.get(id))).find(Boolean);
      if (gone) {
        off();
        resolve({ ...gone });
      }
    });
    const other = ended.id === deviceId ? contactId : deviceId;
    await this.dropLeg(other).catch(() => undefined);
    for (const t of clones) t.stop();
    const contactInfo = ended.id === contactId ? ended : (this.lastEnded.get(contactId) ?? this.calls.get(contactId)?.info);
    const answeredAt = contactInfo?.answeredAt ?? contact.answeredAt;
    const endedAt = contactInfo?.endedAt ?? this.timers.now();
    return {
      outcome: 'completed',
      durationS: answeredAt !== undefined ? Math.max(0, Math.round((endedAt - answeredAt) / 1000)) : null,
    };
  }

  async cancel(callId: string): Promise<void> {
    const rec = this.need(callId);
    if (!(rec.session instanceof Inviter)) throw new Error('Only outgoing calls can be cancelled');
    if (rec.session.state === SessionState.Established) throw new Error('The call was answered; hang up instead');
    rec.pendingCause = 'cancelled';
    await rec.session.cancel();
  }

  async hangup(callId: string): Promise<void> {
    await this.hangupRecord(this.need(callId), 'local_hangup');
  }

  private async hangupRecord(rec: CallRecord, cause: HangupCause): Promise<void> {
    const s = rec.session;
    rec.pendingCause =
      rec.pendingCause && cause === 'local_hangup' && rec.pendingCause !== 'remote_hangup' ? rec.pendingCause : cause;
    try {
      switch (s.state) {
        case SessionState.Initial:
        case SessionState.Establishing:
          if (s instanceof Inviter) {
            if (cause === 'local_hangup') rec.pendingCause = 'cancelled';
            await s.cancel();
          } else if (s instanceof Invitation) {
            if (cause === 'local_hangup') rec.pendingCause = 'declined';
            await s.reject({ statusCode: 603 });
          }
          break;
        case SessionState.Established:
          await s.bye();
          break;
        default:
          break;
      }
    } catch (e) {
      this.log.warn('hangup failed; ending locally', e);
      this.endLocally(rec, rec.pendingCause ?? cause, errorMessage(e));
      return;
    }
    // If the BYE cannot be answered (dead transport), do not leave the call stuck.
    this.timers.setTimeout(() => {
      if (rec.info.state !== 'ended') this.endLocally(rec, rec.pendingCause ?? cause, 'No answer to hang-up');
    }, 5000);
  }

  mute(callId: string): void {
    const rec = this.need(callId);
    this.update(rec, { muted: true });
    this.audio.setCallGates(callId, { muted: true, held: rec.heldWanted });
  }

  unmute(callId: string): void {
    const rec = this.need(callId);
    this.update(rec, { muted: false });
    this.audio.setCallGates(callId, { muted: false, held: rec.heldWanted });
  }

  /**
   * Hold: the microphone is cut *before* the re-INVITE (RFC 3264 section 8.4 sendonly) goes
   * out, and stays cut if the far end refuses it — the state then says `holdFailed`, never
   * `held` while the client might still hear the agent (SIP.js #685).
   */
  async hold(callId: string): Promise<CallInfo['hold']> {
    return this.setHold(this.need(callId), true);
  }

  async resume(callId: string): Promise<CallInfo['hold']> {
    return this.setHold(this.need(callId), false);
  }

  private async setHold(rec: CallRecord, hold: boolean): Promise<CallInfo['hold']> {
    const session = rec.session;
    if (session.state !== SessionState.Established) throw new Error('The call is not established');
    if (rec.reinviteBusy) throw new Error('A re-INVITE is already in progress');
    rec.heldWanted = hold;
    if (hold) this.audio.setCallGates(rec.info.id, { muted: rec.info.muted, held: true });
    this.update(rec, { hold: hold ? 'holding' : 'resuming' });
    const opts = { ...AUDIO_ONLY, hold } as Web.SessionDescriptionHandlerOptions;
    session.sessionDescriptionHandlerOptionsReInvite = opts;
    rec.reinviteBusy = true;
    const accepted = await new Promise<boolean>((resolve) => {
      session
        .invite({
          requestDelegate: { onAccept: () => resolve(true), onReject: () => resolve(false) },
          sessionDescriptionHandlerOptions: opts,
        })
        .catch(() => resolve(false));
    });
    rec.reinviteBusy = false;
    if (rec.info.state === 'ended') return rec.info.hold;
    if (hold) {
      // Accepted or not, the microphone stays cut.
      this.update(rec, { hold: accepted ? 'held' : 'holdFailed' });
    } else if (accepted) {
      this.audio.setCallGates(rec.info.id, { muted: rec.info.muted, held: false });
      this.update(rec, { hold: 'none' });
    } else {
      // Resume refused: still held from the far end's point of view; keep the mic cut.
      rec.heldWanted = true;
      session.sessionDescriptionHandlerOptionsReInvite = {
        ...AUDIO_ONLY,
        hold: true,
      } as Web.SessionDescriptionHandlerOptions;
      this.update(rec, { hold: 'held' });
      this.emitter.emit('notice', { code: 'resume_failed', message: 'The call could not be taken off hold.' });
    }
    return rec.info.hold;
  }

  async sendDtmf(callId: string, digits: string, opts: { method?: DtmfMethod | 'auto' } = {}): Promise<DtmfMethod> {
    const rec = this.need(callId);
    if (!/^[0-9A-D#*,]+$/i.test(digits)) throw new Error('Invalid DTMF digits');
    if (rec.session.state !== SessionState.Established) throw new Error('The call is not established');
    const method = opts.method ?? 'auto';
    if (method !== 'info') {
      const pc = this.pcOf(rec);
      const sender = pc?.getSenders().find((s) => s.dtmf && (s.track === null || s.track.kind === 'audio'));
      // RFC 4733 needs telephone-event negotiated: canInsertDTMF says so.
      if (sender?.dtmf && sender.dtmf.canInsertDTMF) {
        sender.dtmf.insertDTMF(digits.toUpperCase(), 120, 70);
        return 'rfc4733';
      }
      if (method === 'rfc4733') throw new Error('RFC 4733 DTMF is not available on this call');
    }
    for (const digit of digits.replace(/,/g, '')) {
      await rec.session.info({
        requestOptions: {
          body: {
            contentDisposition: 'render',
            contentType: 'application/dtmf-relay',
            content: `Signal=${digit.toUpperCase()}\r\nDuration=120`,
          },
        },
      });
    }
    return 'info';
  }

  private onInfo(rec: CallRecord, info: Info): void {
    const body = info.request.body ?? '';
    const ct = (info.request.getHeader('Content-Type') ?? '').toLowerCase();
    const digit = ct.includes('dtmf') ? dtmfFromInfo(body) : undefined;
    info.accept().catch(() => undefined);
    if (digit) this.emitter.emit('dtmfReceived', { callId: rec.info.id, digit, via: 'info' });
  }

  // ───────────────────────────── transfers ─────────────────────────────

  async blindTransfer(callId: string, target: string): Promise<TransferResult> {
    const rec = this.need(callId);
    const { uri } = this.resolveTarget(target);
    const referTo = UserAgent.makeURI(uri);
    if (!referTo) return { ok: false, reason: `Invalid target ${uri}` };
    return this.refer(rec, referTo, { kind: 'blind', target: uri });
  }

  async startConsult(callId: string, target: string): Promise<string> {
    const rec = this.need(callId);
    if (rec.info.state !== 'active') throw new Error('The call is not established');
    if (!rec.heldWanted) await this.hold(callId);
    return this.call(target, { consultFor: callId });
  }

  async completeAttendedTransfer(callId: string, consultId: string): Promise<TransferResult> {
    const rec = this.need(callId);
    const consult = this.need(consultId);
    if (consult.session.state !== SessionState.Established)
      return { ok: false, reason: 'The consultation call is not established' };
    // REFER with Refer-To: <consult remote target?Replaces=…> (RFC 3891 / RFC 5589 section 7).
    // The consult leg is ended by the target's BYE once it replaced it.
    consult.pendingCause = 'transferred';
    const result = await this.refer(rec, consult.session, { kind: 'attended', target: consult.info.remoteUri });
    if (result.ok) {
      this.timers.setTimeout(() => {
        if (consult.info.state !== 'ended') void this.hangupRecord(consult, 'transferred');
      }, 3000);
    } else {
      consult.pendingCause = undefined;
    }
    return result;
  }

  /**
   * Sends the REFER and follows the implicit subscription's NOTIFYs (message/sipfrag,
   * RFC 3515 section 2.4.5): a final 2xx completes the transfer and we BYE our leg.
   */
  private refer(
    rec: CallRecord,
    referTo: Parameters<Session['refer']>[0],
    t: { kind: 'blind' | 'attended'; target: string },
  ): Promise<TransferResult> {
    const session = rec.session;
    if (session.state !== SessionState.Established)
      return Promise.resolve({ ok: false, reason: 'The call is not established' });
    this.update(rec, { transfer: { kind: t.kind, target: t.target, state: 'requested' } });
    return new Promise<TransferResult>((resolve) => {
      let done = false;
      const finish = (result: TransferResult): void => {
        if (done) return;
        done = true;
        this.timers.clearTimeout(timer);
        if (result.ok) {
          this.update(rec, { transfer: { kind: t.kind, target: t.target, state: 'completed' } });
          rec.pendingCause = 'transferred';
          if (rec.session.state === SessionState.Established) void this.hangupRecord(rec, 'transferred');
        } else {
          this.update(rec, { transfer: { kind: t.kind, target: t.target, state: 'failed', reason: result.reason } });
        }
        resolve(result);
      };
      const timer = this.timers.setTimeout(
        () => finish({ ok: false, reason: 'No answer from the transfer target' }),
        45_000,
      );
      session
        .refer(referTo, {
          requestDelegate: {
            onAccept: () => this.update(rec, { transfer: { kind: t.kind, target: t.target, state: 'accepted' } }),
            onReject: (res: IncomingResponse) =>
              finish({ ok: false, reason: `${res.message.statusCode} ${res.message.reasonPhrase}` }),
          },
          onNotify: (notification: Notification) => {
            notification.accept().catch(() => undefined);
            const m = /SIP\/2\.0\s+(\d{3})\s*(.*)/i.exec(notification.request.body ?? '');
            if (!m) return;
            const code = Number(m[1]);
            if (code >= 200 && code < 300) finish({ ok: true });
            else if (code >= 300) finish({ ok: false, reason: `${code} ${(m[2] ?? '').trim()}` });
          },
        })
        .catch((e: unknown) => finish({ ok: false, reason: errorMessage(e) }));
    });
  }

  /**
   * A REFER received on a call (we are the transferee): accept it, call the Refer-To target
   * (with its Replaces for an attended transfer) and end the old leg once the new call is up.
   * SIP.js sends the sipfrag NOTIFYs back to the transferor from the new Inviter.
   */
  private async onRefer(rec: CallRecord, referral: Referral): Promise<void> {
    if (!this.ua || this.status.state !== 'registered') {
      await referral.reject({ statusCode: 503 }).catch(() => undefined);
      return;
    }
    await referral.accept().catch(() => undefined);
    const inviter = referral.makeInviter({ sessionDescriptionHandlerOptions: AUDIO_ONLY });
    const targetUri = referral.referTo.uri;
    const to = parseNameAddr(`<${targetUri.clone().toString().split('?')[0] ?? ''}>`);
    const next = this.newRecord(inviter, {
      direction: 'outbound',
      state: 'calling',
      remoteNumber: to?.number ?? '',
      remoteUri: to?.uri ?? '',
      referredFrom: rec.info.id,
      ...(referral.referTo.displayName ? { remoteName: referral.referTo.displayName } : {}),
    });
    this.emitter.emit('callUpdated', { ...next.info });
    const off = this.on('callUpdated', (c) => {
      if (c.id !== next.info.id) return;
      if (c.state === 'active') {
        off();
        rec.pendingCause = 'transferred';
        if (rec.info.state !== 'ended') void this.hangupRecord(rec, 'transferred');
      } else if (c.state === 'ended') {
        off();
      }
    });
    this.placeInvite(next, inviter);
  }

  // ───────────────────────────── media helpers ─────────────────────────────

  private pcOf(rec: CallRecord): RTCPeerConnection | undefined {
    const sdh = rec.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    return sdh?.peerConnection;
  }

  getCallMedia(callId: string): CallMedia | undefined {
    const rec = this.calls.get(callId);
    if (!rec) return undefined;
    const sdh = rec.session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
    return {
      peerConnection: sdh?.peerConnection,
      remoteStream: sdh?.remoteMediaStream,
      sentStream: sdh?.localMediaStream,
    };
  }

  private async sampleQuality(): Promise<void> {
    for (const rec of this.calls.values()) {
      if (rec.info.state !== 'active') continue;
      const pc = this.pcOf(rec);
      if (!pc) continue;
      try {
        let jitter = 0;
        let lost = 0;
        let received = 0;
        let sent = 0;
        let rtt = 0;
        (await pc.getStats()).forEach((s: Record<string, unknown>) => {
          if (s.type === 'inbound-rtp' && s.kind === 'audio') {
            jitter = Number(s.jitter ?? 0) * 1000;
            lost = Number(s.packetsLost ?? 0);
            received = Number(s.packetsReceived ?? 0);
          } else if (s.type === 'outbound-rtp' && s.kind === 'audio') {
            sent = Number(s.packetsSent ?? 0);
          } else if (s.type === 'remote-inbound-rtp' && typeof s.roundTripTime === 'number') {
            rtt = s.roundTripTime * 1000;
          } else if (
            s.type === 'candidate-pair' &&
            s.nominated &&
            typeof s.currentRoundTripTime === 'number' &&
            rtt === 0
          ) {
            rtt = s.currentRoundTripTime * 1000;
          }
        });
        const prev = rec.lastStats ?? { lost: 0, received: 0 };
        const dLost = Math.max(0, lost - prev.lost);
        const dRecv = Math.max(0, received - prev.received);
        rec.lastStats = { lost, received };
        const lossPercent = dLost + dRecv > 0 ? (100 * dLost) / (dLost + dRecv) : 0;
        const q = estimateMos({ rttMs: rtt, jitterMs: jitter, lossPercent });
        if (rec.info.state !== 'active') continue;
        this.update(rec, {
          quality: {
            mos: q.mos,
            grade: q.grade,
            jitterMs: Math.round(jitter * 10) / 10,
            lossPercent: Math.round(lossPercent * 10) / 10,
            rttMs: Math.round(rtt),
            packetsReceived: received,
            packetsSent: sent,
            measuredAt: this.timers.now(),
          },
        });
      } catch (e) {
        this.log.debug('getStats failed', e);
      }
    }
  }

  // ───────────────────────────── audio ─────────────────────────────

  private watchDevices(): void {
    const md = typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;
    if (!md || this.deviceListener) return;
    this.deviceListener = () => {
      void this.listDevices()
        .then((d) =>
          this.audio.handleDevicesChanged(
            new Set(d.inputs.map((i) => i.deviceId)),
            new Set(d.outputs.map((o) => o.deviceId)),
          ),
        )
        .catch((e: unknown) => this.log.warn('devicechange handling failed', e));
    };
    md.addEventListener('devicechange', this.deviceListener);
  }

  async listDevices(): Promise<AudioDevices> {
    const all = await navigator.mediaDevices.enumerateDevices();
    const devices: AudioDevices = {
      inputs: all
        .filter((d) => d.kind === 'audioinput')
        .map((d) => ({ deviceId: d.deviceId, label: d.label, kind: 'audioinput' as const })),
      outputs: all
        .filter((d) => d.kind === 'audiooutput')
        .map((d) => ({ deviceId: d.deviceId, label: d.label, kind: 'audiooutput' as const })),
    };
    this.emitter.emit('devices', devices);
    return devices;
  }

  getAudioRouting(): AudioRouting {
    return this.audio.getRouting();
  }

  async setAudioRouting(partial: Partial<AudioRouting>): Promise<AudioRouting> {
    const r = await this.audio.setRouting(partial);
    this.emitter.emit('audioRouting', r);
    return r;
  }

  setShadowMode(mode: ShadowMode): Promise<AudioRouting> {
    return this.setAudioRouting({ shadowMode: mode });
  }

  resumeAudio(): Promise<void> {
    return this.audio.resume();
  }

  audioDiagnostics(): AudioDiagnostics {
    return this.audio.diagnostics();
  }

  meter(target: 'headset' | 'shadow' | 'ringer' | 'microphone' | { callId: string }): LevelMeter | undefined {
    if (typeof target === 'string') return this.audio.meter(target);
    const media = this.getCallMedia(target.callId);
    const track = media?.remoteStream?.getAudioTracks()[0];
    if (!track) return undefined;
    const ctx = new AudioContext();
    const m = createMeter(ctx, ctx.createMediaStreamSource(new MediaStream([track])));
    return { ...m, dispose: () => (m.dispose(), void ctx.close()) };
  }

  // ───────────────────────────── presence ─────────────────────────────

  setOwnPresence(state: OwnPresence): Promise<void> {
    return this.presence.setOwn(state);
  }

  get ownPresence(): OwnPresence {
    return this.presence.ownState;
  }

  watch(colleagueUris: readonly string[]): void {
    this.presence.watch(colleagueUris);
  }

  getColleagues(): ColleagueState[] {
    return this.presence.colleagues();
  }

  // ───────────────────────────── messages ─────────────────────────────

  async sendMessage(target: string, body: string): Promise<MessageResult> {
    const ua = this.ua;
    if (!ua || !ua.isConnected() || this.status.state !== 'registered')
      return { ok: false, reason: 'Not connected to the server' };
    let uri: string;
    try {
      uri = this.resolveTarget(target).uri;
    } catch (e) {
      return { ok: false, reason: errorMessage(e) };
    }
    const targetUri = UserAgent.makeURI(uri);
    if (!targetUri) return { ok: false, reason: `Invalid target ${uri}` };
    const messager = new Messager(ua, targetUri, body, 'text/plain;charset=utf-8');
    return new Promise<MessageResult>((resolve) => {
      let done = false;
      const finish = (r: MessageResult): void => {
        if (done) return;
        done = true;
        this.timers.clearTimeout(timer);
        resolve(r);
      };
      const timer = this.timers.setTimeout(
        () => finish({ ok: false, reason: 'No answer from the server (timeout)' }),
        this.options.messageTimeoutMs ?? 10_000,
      );
      messager
        .message({
          requestDelegate: {
            onAccept: () => finish({ ok: true }),
            onReject: (res: IncomingResponse) =>
              finish({
                ok: false,
                reason: `${res.message.statusCode ?? ''} ${res.message.reasonPhrase ?? ''}`.trim(),
                statusCode: res.message.statusCode ?? 0,
              }),
          },
        })
        .catch((e: unknown) => finish({ ok: false, reason: errorMessage(e) }));
    });
  }

  private onMessage(message: Message): void {
    const req = message.request;
    const from = extractCallerId({
      pAssertedIdentity: req.getHeaders('P-Asserted-Identity'),
      from: req.getHeader('From') ?? '',
    });
    message.accept().catch(() => undefined);
    this.emitter.emit('message', {
      from: from.number,
      fromUri: from.uri,
      body: req.body ?? '',
      contentType: req.getHeader('Content-Type') ?? 'text/plain',
      at: this.timers.now(),
      ...(from.name ? { fromName: from.name } : {}),
    });
  }
}

/**
 * Creates the engine. Throws an `AccountError` if the account is unusable (bad URL, `ws://`
 * to a non-loopback host, bad SIP URI). Nothing connects until `start()`.
 */
export function createSoftphoneEngine(options: SoftphoneEngineOptions): SoftphoneEngine {
  return new Engine(options);
}
