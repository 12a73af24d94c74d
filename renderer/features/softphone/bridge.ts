/**
 * The bridge between the softphone engine (SIP.js, in this page) and the services: the
 * account and audio settings in, the screen-pop and the call log out, presence both ways.
 *
 * ```
 *  softphone:account ─▶ engine.start()        incomingCall ─▶ inbound:lookup ─▶ screen-pop
 *  settings.audio     ─▶ audio routing        outbound call ─▶ calls:outbound
 *  settings.dialRules ─▶ dial rules           answered/ended ─▶ calls:update
 *  agents:list        ─▶ engine.watch()       own / colleagues' states ─▶ presence:report
 *  online, long hidden gap, desk:power ─▶ notifyOnline() / notifyWake()
 * ```
 *
 * Components never call this: they read `useSoftphone` / {@link useSoftphoneBridge} and act
 * through the store's actions.
 */
import { create } from 'zustand';
import type { Settings } from '../../../shared/domain/settings';
import type { PowerState } from '../../../shared/ipc/contract-desk';
import type { AgentSummary, InboundResult } from '../../../shared/ipc/dto';
import { afterPaint } from '../../app/after-paint';
import type { PosteClient } from '../../app/client';
import { useAppStore } from '../../app/store';
import { useInboundStore } from '../inbound/store';
import { useRecordStore } from '../record/store';
import { createSoftphoneEngine } from './engine';
import type {
  AudioRouting,
  CallInfo,
  ColleagueState,
  EngineLogger,
  OwnPresence,
  SoftphoneEngine,
  SoftphoneEngineOptions,
} from './engine';
import type { DialRules } from './engine';
import { softphoneStore } from './store';
import { errorMessage } from '../../../shared/error-message';

/** Presence as the services know it (`presence:report`). */
export type ReportedPresence = 'available' | 'on_call' | 'break' | 'offline';

/** The performance mark set when an INVITE reaches the page (the bench measures from it). */
export const INCOMING_CALL_MARK = 'poste:incoming-call';
/** The performance mark set when the inbound lookup answered (record + verdict in hand). */
export const LOOKUP_DONE_MARK = 'poste:inbound-lookup-done';

/** A hidden page that comes back after this long may have slept: re-register. */
const WAKE_GAP_MS = 60_000;

export type AccountStatus = 'loading' | 'missing' | 'ready' | 'error';

export interface BridgeState {
  account: AccountStatus;
  /** Why the account could not be loaded (services error, invalid account). */
  accountError: string | null;
  /** The account's SIP URI once loaded (to leave oneself out of the directory). */
  ownUri: string | null;
  /** Engine call id → call-log id (inbound:lookup's callId, or calls:outbound's). */
  logIds: Record<string, string>;
  /** Call-log id of an inbound call → engine call id: the screen-pop's live call. */
  liveByLogId: Record<string, string>;
}

export const useSoftphoneBridge = create<BridgeState>()(() => ({
  account: 'loading',
  accountError: null,
  ownUri: null,
  logIds: {},
  liveByLogId: {},
}));

/** Own presence as the services know it: lunch is a break. */
export function reportedOwnPresence(state: OwnPresence): ReportedPresence {
  return state === 'lunch' ? 'break' : state;
}

/**
 * A colleague's lamp as the services know it, or null when SIP has told us nothing real:
 * no published presence (never registered, or a server without PUBLISH) and no live dialog.
 * The engine shows such a colleague as `available` (idle), but reporting that would override
 * the schedule and the last known state with a guess (e.g. a colleague whose desk phone is
 * not on this server).
 */
export function reportedColleaguePresence(c: Pick<ColleagueState, 'status' | 'presence' | 'dialog'>): ReportedPresence | null {
  if (c.presence === 'unknown' && c.dialog !== 'on_call' && c.dialog !== 'ringing') return null;
  switch (c.status) {
    case 'available':
    case 'on_call':
    case 'break':
    case 'offline':
      return c.status;
    case 'ringing':
      return 'on_call';
    case 'lunch':
      return 'break';
    case 'unknown':
      return null;
  }
}

/** Settings' audio devices (null = default) → the engine's routing. */
export function routingFromSettings(audio: Settings['audio']): Partial<AudioRouting> {
  return {
    microphoneId: audio.microphoneId ?? '',
    headsetOutputId: audio.headsetId ?? '',
    ringerOutputId: audio.ringerId ?? '',
    shadowOutputId: audio.shadowHeadsetId,
    shadowMicrophoneId: audio.shadowMicrophoneId ?? '',
  };
}

/** Settings' dial rules → the engine's (`+1` handling and the outside-line prefix). */
export function dialRulesFromSettings(rules: Settings['dialRules']): Partial<DialRules> {
  return {
    outsideLinePrefix: rules.outsidePrefix,
    nationalFormat: rules.dialPlusOne ? 'e164' : '10',
  };
}

/** The SIP URI to reach an agent: their URI, else their extension on our domain. */
export function agentTarget(agent: AgentSummary): string | null {
  return agent.sipUri ?? agent.extension;
}

export interface BridgeOptions {
  /** Title and body of the system notification for an incoming call. */
  describeCall(result: InboundResult): { title: string; body: string };
  /** Engine factory (tests inject a fake). */
  createEngine?: (options: SoftphoneEngineOptions) => SoftphoneEngine;
  logger?: EngineLogger;
}

export interface SoftphoneBridge {
  /** Electron's power events (`desk:power`): wake and unlock re-register at once. */
  onPower(kind: PowerState): void;
  stop(): Promise<void>;
}

const silentLogger: EngineLogger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

const iso = (ms: number): string => new Date(ms).toISOString();

/** Starts the softphone for this window: loads the account and wires everything. */
export function startSoftphoneBridge(client: PosteClient, options: BridgeOptions): SoftphoneBridge {
  const logger = options.logger ?? silentLogger;
  const offs: (() => void)[] = [];
  let engine: SoftphoneEngine | undefined;
  let stopped = false;

  /** Per engine call: its call-log id (a promise: updates wait for the row to exist). */
  const logIdOf = new Map<string, Promise<string | null>>();
  const answeredReported = new Set<string>();
  const endedReported = new Set<string>();
  let lastOwnReport: ReportedPresence | null = null;
  const lastColleagueReport = new Map<string, ReportedPresence>();

  const remember = (callId: string, logId: string, inbound: boolean): void => {
    useSoftphoneBridge.setState((s) => ({
      logIds: { ...s.logIds, [callId]: logId },
      liveByLogId: inbound ? { ...s.liveByLogId, [logId]: callId } : s.liveByLogId,
    }));
  };
  const forget = (callId: string): void => {
    useSoftphoneBridge.setState((s) => {
      const liveByLogId = { ...s.liveByLogId };
      for (const [logId, id] of Object.entries(liveByLogId)) if (id === callId) delete liveByLogId[logId];
      return { liveByLogId };
    });
  };

  const report = (input: { own?: ReportedPresence; colleagues?: { sipUri: string; presence: ReportedPresence }[] }): void => {
    void client.tryCall('presence:report', input).then((r) => {
      if (!r.ok) logger.warn('presence:report refused', r.error.message);
    });
  };

  const reportOwn = (): void => {
    const s = softphoneStore.getState();
    const busy = s.calls.some((c) => c.state === 'active' || c.state === 'connecting');
    const own: ReportedPresence = busy ? 'on_call' : reportedOwnPresence(s.ownPresence);
    if (own === lastOwnReport) return;
    lastOwnReport = own;
    report({ own });
  };

  const notify = (result: InboundResult): void => {
    const settings = useAppStore.getState().settings;
    if (settings && !settings.notifications.calls) return;
    if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      const { title, body } = options.describeCall(result);
      new Notification(title, { body, tag: `poste-call-${result.callId}` });
    } catch (e) {
      logger.warn('notification failed', e);
    }
  };

  const onIncoming = (call: CallInfo): void => {
    performance.mark(INCOMING_CALL_MARK, { detail: { callId: call.id } });
    const pending = client
      .tryCall('inbound:lookup', { number: call.remoteNumber || call.remoteUri, channel: 'phone', at: new Date(call.startedAt).toISOString() })
      .then((r) => {
        performance.mark(LOOKUP_DONE_MARK, { detail: { callId: call.id } });
        // The ringing row was held for the pop (softphone store): both go in this render.
        const reveal = () => softphoneStore.getState().actions.reveal(call.id);
        if (!r.ok) {
          reveal();
          logger.warn('inbound:lookup failed', r.error.message);
          return null;
        }
        remember(call.id, r.value.callId, true);
        // A call that ended while we looked it up is not popped.
        if (!endedReported.has(call.id)) {
          useInboundStore.getState().receive(r.value);
          reveal();
          // The system notification is for a console in the background: a hidden window
          // shows it at once; a visible one paints the pop first, without waiting on it.
          const result = r.value;
          if (document.visibilityState === 'hidden') notify(result);
          else afterPaint(() => notify(result));
        }
        return r.value.callId;
      });
    logIdOf.set(call.id, pending);
  };

  const onOutbound = (call: CallInfo): void => {
    const clientId = useRecordStore.getState().clientId ?? null;
    const pending = client
      .tryCall('calls:outbound', { number: call.remoteNumber || call.remoteUri, clientId, startedAt: iso(call.startedAt) })
      .then((r) => {
        if (!r.ok) {
          logger.warn('calls:outbound failed', r.error.message);
          return null;
        }
        remember(call.id, r.value.callId, false);
        return r.value.callId;
      });
    logIdOf.set(call.id, pending);
  };

  const update = (call: CallInfo, patch: { answeredAt?: string; endedAt?: string; hangupCause?: string }): void => {
    const pending = logIdOf.get(call.id);
    if (!pending) return;
    void pending.then(async (logId) => {
      if (!logId) return;
      const r = await client.tryCall('calls:update', { callId: logId, ...patch });
      if (!r.ok) logger.warn('calls:update failed', r.error.message);
    });
  };

  const onCallChange = (call: CallInfo): void => {
    if (call.direction === 'outbound' && !logIdOf.has(call.id) && !call.callback) onOutbound(call);
    if (call.answeredAt !== undefined && !answeredReported.has(call.id)) {
      answeredReported.add(call.id);
      update(call, { answeredAt: iso(call.answeredAt) });
    }
    if (call.state === 'ended' && !endedReported.has(call.id)) {
      endedReported.add(call.id);
      update(call, { endedAt: iso(call.endedAt ?? Date.now()), hangupCause: call.endCause ?? 'failed' });
      forget(call.id);
    }
    reportOwn();
  };

  const watchDirectory = (agents: readonly AgentSummary[]): void => {
    const own = useSoftphoneBridge.getState().ownUri;
    const uris = agents.map((a) => a.sipUri).filter((u): u is string => u !== null && u !== own);
    softphoneStore.getState().actions.watchColleagues(uris);
  };

  const onPower = (kind: PowerState): void => {
    if (kind === 'resume' || kind === 'unlock-screen') engine?.notifyWake();
  };

  async function start(): Promise<void> {
    useSoftphoneBridge.setState({ account: 'loading', accountError: null });
    const result = await client.tryCall('softphone:account', {});
    if (stopped) return;
    if (!result.ok) {
      useSoftphoneBridge.setState({ account: 'error', accountError: result.error.message });
      return;
    }
    if (!result.value) {
      useSoftphoneBridge.setState({ account: 'missing' });
      return;
    }
    const { account, password } = result.value;
    const settings = useAppStore.getState().settings ?? (await client.call('settings:get', {}).then((r) => r.settings, () => null));
    if (stopped) return;
    try {
      engine = (options.createEngine ?? createSoftphoneEngine)({
        account: {
          server: account.server,
          uri: account.uri,
          authUser: account.authUser,
          password,
          displayName: account.displayName || undefined,
          iceServers: account.iceServers,
        },
        ...(settings ? { audio: routingFromSettings(settings.audio), dialRules: dialRulesFromSettings(settings.dialRules) } : {}),
        presenceExpires: 120,
        logger,
      });
    } catch (e) {
      useSoftphoneBridge.setState({ account: 'error', accountError: errorMessage(e) });
      return;
    }
    useSoftphoneBridge.setState({ account: 'ready', ownUri: account.uri });
    const actions = softphoneStore.getState().actions;
    offs.push(actions.attach(engine));
    offs.push(engine.on('incomingCall', onIncoming));
    offs.push(engine.on('callUpdated', onCallChange));
    offs.push(engine.on('ownPresence', () => reportOwn()));
    offs.push(
      engine.on('colleague', (c) => {
        const presence = reportedColleaguePresence(c);
        if (!presence || lastColleagueReport.get(c.uri) === presence) return;
        lastColleagueReport.set(c.uri, presence);
        report({ colleagues: [{ sipUri: c.uri, presence }] });
      }),
    );
    // Settings changed elsewhere (settings screen): follow the audio devices.
    let lastAudio = settings?.audio;
    offs.push(
      useAppStore.subscribe((s) => {
        if (s.settings && s.settings.audio !== lastAudio) {
          lastAudio = s.settings.audio;
          void actions.setAudioRouting(routingFromSettings(s.settings.audio));
        }
      }),
    );
    let lastAgents = useAppStore.getState().agents;
    if (lastAgents.length === 0) {
      const listed = await client.tryCall('agents:list', {});
      if (listed.ok) lastAgents = listed.value;
    }
    watchDirectory(lastAgents);
    offs.push(
      useAppStore.subscribe((s) => {
        if (s.agents !== lastAgents && s.agents.length > 0) {
          const changed = s.agents.map((a) => a.sipUri).join() !== lastAgents.map((a) => a.sipUri).join();
          lastAgents = s.agents;
          if (changed) watchDirectory(s.agents);
        }
      }),
    );
    if (stopped) return;
    await actions.start();
    void actions.refreshDevices();
  }

  // Network back, machine awake, Electron's power events.
  const online = (): void => engine?.notifyOnline();
  let hiddenAt: number | null = document.visibilityState === 'hidden' ? Date.now() : null;
  const visibility = (): void => {
    if (document.visibilityState === 'hidden') {
      hiddenAt = Date.now();
      return;
    }
    if (hiddenAt !== null && Date.now() - hiddenAt > WAKE_GAP_MS) engine?.notifyWake();
    hiddenAt = null;
  };
  window.addEventListener('online', online);
  document.addEventListener('visibilitychange', visibility);
  offs.push(() => window.removeEventListener('online', online));
  offs.push(() => document.removeEventListener('visibilitychange', visibility));
  offs.push(client.on('desk:power', ({ state }) => onPower(state)));

  // Ask once, at first start, so the first call can be announced.
  if (typeof Notification !== 'undefined' && Notification.permission === 'default') {
    void Notification.requestPermission().catch(() => undefined);
  }

  void start().catch((e: unknown) => {
    useSoftphoneBridge.setState({ account: 'error', accountError: errorMessage(e) });
  });

  return {
    onPower,
    async stop() {
      stopped = true;
      const running = engine;
      for (const off of offs.splice(0).reverse()) off();
      if (running) await running.stop().catch(() => undefined);
    },
  };
}
