/**
 * Public types of the softphone engine. Everything the app integrates is here; SIP.js types
 * never leak out of the engine.
 */
import type { DialRules } from './dial-rules';
import type { QualityGrade } from './mos';

/** SIP account (product.md, "The softphone"). */
export interface SoftphoneAccount {
  /** WebSocket server: `wss://…`, or `ws://…` only for a loopback host (RFC 7118). */
  server: string;
  /** Address of record, e.g. `sip:agent@poste.test`. */
  uri: string;
  /** Authorization user (defaults to the URI's user part). */
  authUser?: string;
  /** Password for digest authentication (RFC 3261 section 22). Never logged. */
  password?: string;
  /** Display name in From. */
  displayName?: string;
  /** STUN/TURN servers; `[]` on loopback. */
  iceServers?: RTCIceServer[];
}

/**
 * Registration states.
 *
 * ```
 *            start()                 transport up             200 OK
 *  stopped ─────────▶ connecting ──────────────▶ registering ─────────▶ registered
 *     ▲                  ▲  │                       │   ▲                  │
 *     │                  │  │ connect failed        │   │ refresh          │ WebSocket drop,
 *     │                  │  ▼                       ▼   │                  │ server restart,
 *     │                retrying ◀───────────── REGISTER failed ◀───────────┘ notifyWake/Online
 *     │         (back-off 1 s, 2 s … 30 s; nextRetryAt)
 *     │
 *     └──── stopping ◀──── stop() from any state (un-REGISTER, unsubscribe, unpublish)
 * ```
 */
export type RegistrationState = 'stopped' | 'connecting' | 'registering' | 'registered' | 'retrying' | 'stopping';

export interface RegistrationStatus {
  state: RegistrationState;
  /** Why the last attempt failed (e.g. `403 Forbidden`, `WebSocket closed`). */
  lastError?: string;
  /** When `retrying`: epoch ms of the next attempt. */
  nextRetryAt?: number;
  /** Consecutive failed attempts (0 once registered). */
  attempt: number;
}

export type CallDirection = 'inbound' | 'outbound';

/**
 * Call states.
 * ```
 * inbound:  ringing ──answer()──▶ connecting ──▶ active ──▶ ended
 * outbound: calling ──18x──▶ proceeding ──200──▶ active ──▶ ended
 *           (any state ──▶ ended: cancel / decline / reject / BYE / connection lost)
 * ```
 */
export type CallState = 'ringing' | 'connecting' | 'calling' | 'proceeding' | 'active' | 'ended';

/**
 * Hold states. `holdFailed`: the hold re-INVITE was refused, the microphone stays cut but the
 * far end may still be sending (SIP.js #685: never claim "held" while the client could hear).
 */
export type HoldState = 'none' | 'holding' | 'held' | 'holdFailed' | 'resuming';

export type HangupCause =
  | 'local_hangup'
  | 'remote_hangup'
  | 'cancelled'
  | 'missed'
  | 'declined'
  | 'busy'
  | 'no_answer'
  | 'not_found'
  | 'rejected'
  | 'transferred'
  | 'replaced'
  | 'connection_lost'
  | 'media_failed'
  | 'failed';

export interface CallQuality {
  /** Estimated MOS (1–4.5), simplified E-model. */
  mos: number;
  grade: QualityGrade;
  jitterMs: number;
  lossPercent: number;
  rttMs: number;
  packetsReceived: number;
  packetsSent: number;
  measuredAt: number;
}

export interface TransferStatus {
  kind: 'blind' | 'attended';
  target: string;
  state: 'requested' | 'accepted' | 'completed' | 'failed';
  reason?: string;
}

/** A call as the app sees it (immutable snapshot; a new object on every change). */
export interface CallInfo {
  id: string;
  direction: CallDirection;
  state: CallState;
  /** Number (user part) of the other party: from P-Asserted-Identity, else From/To. */
  remoteNumber: string;
  remoteName?: string;
  remoteUri: string;
  /** Epoch ms: INVITE sent or received. */
  startedAt: number;
  answeredAt?: number;
  endedAt?: number;
  muted: boolean;
  hold: HoldState;
  /** True while the connection is lost and the call waits for re-registration + ICE restart. */
  recovering: boolean;
  /** Inbound call that arrived while another call was up (call waiting). */
  waiting: boolean;
  /** If this is a consultation leg (attended transfer), the call it consults for. */
  consultFor?: string;
  /** If this call was created by following a REFER, the call it replaces. */
  referredFrom?: string;
  /** A leg of a callback-first call (« Appeler via BLEAD »): its caller logs it, not the bridge. */
  callback?: 'device' | 'contact';
  transfer?: TransferStatus;
  quality?: CallQuality;
  endCause?: HangupCause;
  /** SIP status of a failed call (e.g. 486). */
  endStatusCode?: number;
  endReason?: string;
}

export type OwnPresence = 'available' | 'break' | 'lunch' | 'offline';

/** What a colleague's lamp shows: `on_call` wins over the published state. */
export type ColleagueStatus = 'available' | 'on_call' | 'ringing' | 'break' | 'lunch' | 'offline' | 'unknown';

export interface ColleagueState {
  uri: string;
  number: string;
  status: ColleagueStatus;
  /** Published state (PIDF, RFC 3863) or `unknown` before the first NOTIFY. */
  presence: OwnPresence | 'unknown';
  /** From dialog-info (RFC 4235): a confirmed dialog = on a call. */
  dialog: 'idle' | 'ringing' | 'on_call' | 'unknown';
  note?: string;
  updatedAt: number;
}

export type ShadowMode = 'listen' | 'whisper' | 'barge';

export interface AudioRouting {
  /** Agent microphone deviceId ('' = default). */
  microphoneId: string;
  /** Agent headset output deviceId ('' = default). */
  headsetOutputId: string;
  /** Ringer output deviceId (speakers) ('' = default). */
  ringerOutputId: string;
  /** Shadow headset output deviceId; `null` = no shadow headset. */
  shadowOutputId: string | null;
  /** Shadow headset microphone deviceId ('' = default). Only opened in whisper/barge. */
  shadowMicrophoneId: string;
  /** listen (default): the shadow mic goes nowhere; whisper: agent only; barge: client too. */
  shadowMode: ShadowMode;
}

export interface AudioDeviceInfo {
  deviceId: string;
  label: string;
  kind: 'audioinput' | 'audiooutput';
}

export interface AudioDevices {
  inputs: AudioDeviceInfo[];
  outputs: AudioDeviceInfo[];
}

export interface IncomingMessage {
  from: string;
  fromName?: string;
  fromUri: string;
  body: string;
  contentType: string;
  at: number;
}

export type MessageResult = { ok: true } | { ok: false; reason: string; statusCode?: number };

export type TransferResult = { ok: true } | { ok: false; reason: string };

/** Options of {@link SoftphoneEngine.callbackFirst}. */
export interface CallbackFirstOptions {
  /** How long the agent's device may ring before the call is given up (CANCEL). */
  ringTimeoutMs: number;
  /** How long the contact may ring. Default 45 s (the server or the carrier usually stops first). */
  contactRingTimeoutMs?: number;
}

/**
 * How a callback-first call ended. `completed`: both legs talked, `durationS` is the contact
 * leg's (answer to hang-up); `device_unanswered`: the agent's device did not answer (or was
 * busy); `contact_unanswered`: the contact did not answer, was busy or the call failed (the
 * device leg is hung up); `failed`: something else (`reason` says what).
 */
export interface CallbackResult {
  outcome: 'device_unanswered' | 'contact_unanswered' | 'completed' | 'failed';
  durationS: number | null;
  reason?: string;
}

export type DtmfMethod = 'rfc4733' | 'info';

/** Event map of {@link SoftphoneEngine.on}. */
export interface SoftphoneEvents {
  registration: RegistrationStatus;
  /** An INVITE arrived (before answering): screen-pop now. */
  incomingCall: CallInfo;
  /** Any change of a call (state, hold, mute, quality, transfer…). */
  callUpdated: CallInfo;
  /** A call ended (also sent as a final `callUpdated`). */
  callEnded: CallInfo;
  dtmfReceived: { callId: string; digit: string; via: DtmfMethod };
  devices: AudioDevices;
  audioRouting: AudioRouting;
  /** A selected device disappeared (unplugged): the default is used instead. */
  deviceFallback: {
    role: 'microphone' | 'headset' | 'ringer' | 'shadowOutput' | 'shadowMicrophone';
    lostDeviceId: string;
    message: string;
  };
  ownPresence: { state: OwnPresence; published: boolean };
  colleague: ColleagueState;
  /** The server refused PUBLISH/SUBSCRIBE: presence lamps cannot work with this server. */
  presenceUnavailable: { reason: string; method: 'PUBLISH' | 'SUBSCRIBE' };
  message: IncomingMessage;
  /** Something the agent should know that is not an error of a request they made. */
  notice: { code: string; message: string };
}

export type SoftphoneEventName = keyof SoftphoneEvents;

/** Injectable clock and timers (fake ones in tests). */
export interface EngineTimers {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  setInterval(fn: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

/** Injectable logger (the renderer has no console.*: the host decides where logs go). */
export interface EngineLogger {
  debug(message: string, data?: unknown): void;
  info(message: string, data?: unknown): void;
  warn(message: string, data?: unknown): void;
  error(message: string, data?: unknown): void;
}

export interface SoftphoneEngineOptions {
  account: SoftphoneAccount;
  /** Dial rules for `call()`; the domain defaults to the account URI's host. */
  dialRules?: Partial<DialRules>;
  /** Initial audio routing. */
  audio?: Partial<AudioRouting>;
  /** Own presence published after registration. Default `available`. */
  initialPresence?: OwnPresence;
  /** PUBLISH/SUBSCRIBE expiry in seconds (60–300 advised). Default 120. */
  presenceExpires?: number;
  /** REGISTER expiry in seconds. Default 300. */
  registerExpires?: number;
  /** How often quality is sampled during a call, ms. Default 5000. */
  qualityIntervalMs?: number;
  /** How long an established call may wait for the connection to come back, ms. Default 30000. */
  callRecoveryTimeoutMs?: number;
  /** SIP MESSAGE timeout, ms. Default 10000. */
  messageTimeoutMs?: number;
  /** Back-off policy override (tests). */
  backoff?: { initialMs?: number; maxMs?: number; factor?: number };
  timers?: EngineTimers;
  logger?: EngineLogger;
  /**
   * Microphone capture (defaults to `navigator.mediaDevices.getUserMedia`); tests inject
   * known tones here.
   */
  getUserMedia?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
  /** User-Agent header. */
  userAgentString?: string;
}

/** Snapshot of where each output plays, for diagnostics and tests. */
export interface AudioDiagnostics {
  contextState: AudioContextState | 'none';
  headset: { sinkId: string; playing: boolean };
  ringer: { sinkId: string; playing: boolean; ringing: boolean };
  shadow: { sinkId: string | null; playing: boolean; mode: ShadowMode; microphoneOpen: boolean };
  microphoneOpen: boolean;
}

/** A level meter on one of the mixes (AnalyserNode FFT). */
export interface LevelMeter {
  /** Overall level, dBFS. */
  levelDb(): number;
  /** Level of the FFT bin nearest to `hz`, dB. */
  bandDb(hz: number): number;
  dispose(): void;
}

/** Media of a call (diagnostics, level meters, tests). */
export interface CallMedia {
  peerConnection: RTCPeerConnection | undefined;
  remoteStream: MediaStream | undefined;
  /** The stream sent to the far end (the WebAudio mix). */
  sentStream: MediaStream | undefined;
}
