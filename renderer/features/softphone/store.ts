/**
 * The softphone store (Zustand 5): everything the softphone panel shows, fed by the
 * engine's events. Components read it with {@link useSoftphone} and act through
 * `state.actions`; they never touch the engine or SIP.js themselves.
 *
 * Timers: the store keeps `startedAt` / `answeredAt` / `endedAt` (epoch ms); the UI derives
 * the running duration with its own clock so the store does not re-render every second.
 *
 * A new inbound call is shown together with its screen-pop: the store holds it until the
 * bridge calls `reveal(callId)` once the record and verdict are in hand, or for at most
 * {@link RING_REVEAL_MS}. Painting the ringing row on its own first kept this page's main
 * thread busy for a frame (and the host starved of CPU on a two-core machine) while the
 * lookup's answer waited; held, both land in one frame, about 10 ms sooner (bench/invite-paint).
 * The engine rings meanwhile: only the drawing waits.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type {
  AudioDevices,
  AudioRouting,
  CallbackFirstOptions,
  CallbackResult,
  CallInfo,
  ColleagueState,
  DtmfMethod,
  IncomingMessage,
  MessageResult,
  OwnPresence,
  RegistrationStatus,
  ShadowMode,
  SoftphoneEngine,
  SoftphoneEvents,
  TransferResult,
} from './engine';
import { DEFAULT_ROUTING } from './engine';
import { errorMessage } from '../../../shared/error-message';

export interface SoftphoneNotice {
  id: number;
  code: string;
  message: string;
  at: number;
}

export interface SoftphoneActions {
  /** Connects the store to an engine (subscribes to its events); returns the detach function. */
  attach(engine: SoftphoneEngine): () => void;
  start(): Promise<void>;
  stop(): Promise<void>;
  call(target: string): Promise<string | undefined>;
  redial(): Promise<string | undefined>;
  answer(callId: string): Promise<void>;
  decline(callId: string, busy?: boolean): Promise<void>;
  answerAndTransfer(callId: string, target: string): Promise<TransferResult | undefined>;
  /**
   * « Appeler via BLEAD »: the agent's device first, then the contact, bridged in the page.
   * Never throws: a failure to start comes back as `{ outcome: 'failed', reason }`.
   */
  callbackFirst(deviceTarget: string, contactTarget: string, opts: CallbackFirstOptions): Promise<CallbackResult>;
  cancel(callId: string): Promise<void>;
  hangup(callId: string): Promise<void>;
  toggleMute(callId: string): void;
  hold(callId: string): Promise<void>;
  resume(callId: string): Promise<void>;
  sendDtmf(callId: string, digits: string): Promise<DtmfMethod | undefined>;
  blindTransfer(callId: string, target: string): Promise<TransferResult | undefined>;
  startConsult(callId: string, target: string): Promise<string | undefined>;
  completeAttendedTransfer(callId: string, consultId: string): Promise<TransferResult | undefined>;
  refreshDevices(): Promise<void>;
  setAudioRouting(partial: Partial<AudioRouting>): Promise<void>;
  setShadowMode(mode: ShadowMode): Promise<void>;
  setOwnPresence(state: OwnPresence): Promise<void>;
  watchColleagues(uris: readonly string[]): void;
  sendMessage(target: string, body: string): Promise<MessageResult>;
  dismissNotice(id: number): void;
  clearLastError(): void;
  /** Shows an inbound call held since it arrived (its screen-pop is ready); no-op otherwise. */
  reveal(callId: string): void;
}

export interface SoftphoneState {
  attached: boolean;
  registration: RegistrationStatus;
  /** Calls in progress (ringing, dialling, active, on hold), oldest first. */
  calls: CallInfo[];
  /** The last ended calls, newest first (at most 20). */
  recentCalls: CallInfo[];
  /** Inbound calls waiting for an answer (screen-pop and call waiting). */
  ringing: CallInfo[];
  devices: AudioDevices;
  audio: AudioRouting;
  ownPresence: OwnPresence;
  ownPresencePublished: boolean;
  /** Colleagues by SIP URI. */
  colleagues: Record<string, ColleagueState>;
  /** Set when the server refused PUBLISH/SUBSCRIBE: lamps cannot work. */
  presenceUnavailable: string | null;
  /** Received texts, newest last. */
  messages: IncomingMessage[];
  /** Things to tell the agent (device unplugged, resume refused…). */
  notices: SoftphoneNotice[];
  /** The last action that failed, in words. */
  lastError: string | null;
  actions: SoftphoneActions;
}

/** Longest a new inbound call is held back waiting for its screen-pop (see the header). */
export const RING_REVEAL_MS = 150;
const RECENT_LIMIT = 20;
const MESSAGE_LIMIT = 500;

function errorText(e: unknown): string {
  return errorMessage(e);
}

/** Creates a softphone store; attach an engine with `getState().actions.attach(engine)`. */
export function createSoftphoneStore(): StoreApi<SoftphoneState> {
  let engine: SoftphoneEngine | undefined;
  let noticeSeq = 0;

  return createStore<SoftphoneState>()((set, get) => {
    const need = (): SoftphoneEngine => {
      if (!engine) throw new Error('The softphone is not ready');
      return engine;
    };
    /** Runs an engine action; a failure lands in `lastError` instead of throwing at the UI. */
    const run = async <T>(fn: (e: SoftphoneEngine) => Promise<T> | T): Promise<T | undefined> => {
      try {
        return await fn(need());
      } catch (e) {
        set({ lastError: errorText(e) });
        return undefined;
      }
    };
    const notice = (code: string, message: string): void => {
      set((s) => ({ notices: [...s.notices, { id: ++noticeSeq, code, message, at: Date.now() }].slice(-20) }));
    };
    const upsertCall = (call: CallInfo): void => {
      set((s) => {
        if (call.state === 'ended') {
          const calls = s.calls.filter((c) => c.id !== call.id);
          const recentCalls = [call, ...s.recentCalls.filter((c) => c.id !== call.id)].slice(0, RECENT_LIMIT);
          return { calls, recentCalls, ringing: calls.filter((c) => c.state === 'ringing') };
        }
        const i = s.calls.findIndex((c) => c.id === call.id);
        const calls = i < 0 ? [...s.calls, call] : s.calls.map((c) => (c.id === call.id ? call : c));
        return { calls, ringing: calls.filter((c) => c.state === 'ringing') };
      });
    };
    /** Inbound calls not shown yet (their latest state), with the timer that shows them anyway. */
    const held = new Map<string, { call: CallInfo; timer: ReturnType<typeof setTimeout> }>();
    const reveal = (callId: string): void => {
      const entry = held.get(callId);
      if (!entry) return;
      clearTimeout(entry.timer);
      held.delete(callId);
      upsertCall(entry.call);
    };
    const onIncoming = (call: CallInfo): void => {
      held.set(call.id, { call, timer: setTimeout(() => reveal(call.id), RING_REVEAL_MS) });
    };
    const onUpdated = (call: CallInfo): void => {
      const entry = held.get(call.id);
      if (!entry) return upsertCall(call);
      entry.call = call;
      // Answered, declined or gone before its pop: shown (or filed in recent calls) at once.
      if (call.state !== 'ringing') reveal(call.id);
    };

    const actions: SoftphoneActions = {
      attach(next) {
        engine = next;
        const handlers: { [K in keyof SoftphoneEvents]?: (p: SoftphoneEvents[K]) => void } = {
          registration: (registration) => set({ registration }),
          incomingCall: onIncoming,
          callUpdated: onUpdated,
          devices: (devices) => set({ devices }),
          audioRouting: (audio) => set({ audio }),
          deviceFallback: (d) => notice(`device_fallback_${d.role}`, d.message),
          ownPresence: ({ state, published }) => set({ ownPresence: state, ownPresencePublished: published }),
          colleague: (c) => set((s) => ({ colleagues: { ...s.colleagues, [c.uri]: c } })),
          presenceUnavailable: ({ reason }) => set({ presenceUnavailable: reason }),
          message: (m) => {
            // Append, then trim in a second update: a subscriber that takes "what came after
            // the length it last saw" (the actions' watchTexts) sees every text even at the
            // cap; one update doing both kept the length at the cap and hid each new text.
            set((s) => ({ messages: [...s.messages, m] }));
            if (get().messages.length > MESSAGE_LIMIT) set((s) => ({ messages: s.messages.slice(-MESSAGE_LIMIT) }));
          },
          notice: (n) => notice(n.code, n.message),
        };
        const offs = (Object.keys(handlers) as (keyof SoftphoneEvents)[]).map((name) =>
          next.on(name, handlers[name] as (p: SoftphoneEvents[typeof name]) => void),
        );
        set({
          attached: true,
          registration: next.registration,
          calls: next.getCalls(),
          ringing: next.getCalls().filter((c) => c.state === 'ringing'),
          audio: next.getAudioRouting(),
          ownPresence: next.ownPresence,
          colleagues: Object.fromEntries(next.getColleagues().map((c) => [c.uri, c])),
        });
        return () => {
          for (const off of offs) off();
          for (const id of [...held.keys()]) reveal(id);
          if (engine === next) engine = undefined;
          set({ attached: false });
        };
      },
      start: async () => {
        await run((e) => e.start());
      },
      stop: async () => {
        await run((e) => e.stop());
      },
      call: (target) => run((e) => e.call(target)),
      redial: () => run((e) => e.redial()),
      answer: async (id) => {
        await run((e) => e.answer(id));
      },
      decline: async (id, busy) => {
        await run((e) => e.decline(id, { busy: busy === true }));
      },
      answerAndTransfer: (id, target) => run((e) => e.answerAndTransfer(id, target)),
      callbackFirst: async (deviceTarget, contactTarget, opts) =>
        (await run((e) => e.callbackFirst(deviceTarget, contactTarget, opts))) ?? {
          outcome: 'failed',
          durationS: null,
          reason: get().lastError ?? 'The softphone is not ready',
        },
      cancel: async (id) => {
        await run((e) => e.cancel(id));
      },
      hangup: async (id) => {
        await run((e) => e.hangup(id));
      },
      toggleMute(id) {
        const call = get().calls.find((c) => c.id === id);
        if (!call) return;
        void run((e) => (call.muted ? e.unmute(id) : e.mute(id)));
      },
      hold: async (id) => {
        const result = await run((e) => e.hold(id));
        if (result === 'holdFailed')
          set({ lastError: 'The call could not be put on hold; your microphone stays cut.' });
      },
      resume: async (id) => {
        await run((e) => e.resume(id));
      },
      sendDtmf: (id, digits) => run((e) => e.sendDtmf(id, digits)),
      blindTransfer: async (id, target) => {
        const r = await run((e) => e.blindTransfer(id, target));
        if (r && !r.ok) set({ lastError: `Transfer failed: ${r.reason}` });
        return r;
      },
      startConsult: (id, target) => run((e) => e.startConsult(id, target)),
      completeAttendedTransfer: async (id, consultId) => {
        const r = await run((e) => e.completeAttendedTransfer(id, consultId));
        if (r && !r.ok) set({ lastError: `Transfer failed: ${r.reason}` });
        return r;
      },
      refreshDevices: async () => {
        await run((e) => e.listDevices());
      },
      setAudioRouting: async (partial) => {
        await run((e) => e.setAudioRouting(partial));
      },
      setShadowMode: async (mode) => {
        await run((e) => e.setShadowMode(mode));
      },
      setOwnPresence: async (state) => {
        set({ ownPresence: state });
        await run((e) => e.setOwnPresence(state));
      },
      watchColleagues(uris) {
        void run((e) => e.watch(uris));
      },
      sendMessage: async (target, body) =>
        (await run((e) => e.sendMessage(target, body))) ?? { ok: false, reason: 'The softphone is not ready' },
      dismissNotice(id) {
        set((s) => ({ notices: s.notices.filter((n) => n.id !== id) }));
      },
      clearLastError() {
        set({ lastError: null });
      },
      reveal,
    };

    return {
      attached: false,
      registration: { state: 'stopped', attempt: 0 },
      calls: [],
      recentCalls: [],
      ringing: [],
      devices: { inputs: [], outputs: [] },
      audio: { ...DEFAULT_ROUTING },
      ownPresence: 'available',
      ownPresencePublished: false,
      colleagues: {},
      presenceUnavailable: null,
      messages: [],
      notices: [],
      lastError: null,
      actions,
    };
  });
}

/** The app's softphone store (one engine per window). */
export const softphoneStore = createSoftphoneStore();

/** React hook: `const reg = useSoftphone((s) => s.registration)`. */
export function useSoftphone<T>(selector: (state: SoftphoneState) => T): T {
  return useStore(softphoneStore, selector);
}
