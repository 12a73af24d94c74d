import { create } from 'zustand';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import type { RecordAction } from '../record/actions';
import { useInboundStore } from '../inbound/store';
import { softphoneStore } from '../softphone/store';

/** What the BLEAD engine reports (softphone store's `callbackFirst`, added by the softphone area). */
export interface CallbackFirstResult {
  outcome: 'device_unanswered' | 'contact_unanswered' | 'completed' | 'failed';
  durationS: number | null;
  reason?: string;
}
type CallbackFirst = (
  deviceTarget: string,
  contactTarget: string,
  options: { ringTimeoutMs: number },
) => Promise<CallbackFirstResult>;

/** The store's `callbackFirst` if this build's softphone has it (else BLEAD shows an error). */
export function callbackFirstAction(): CallbackFirst | null {
  const actions = softphoneStore.getState().actions as unknown as { callbackFirst?: CallbackFirst };
  return typeof actions.callbackFirst === 'function' ? actions.callbackFirst.bind(actions) : null;
}

/** A record action's dialog, the booking dialog (opened from Résultat), or AN-1's hand-off. */
export type OpenDialog = RecordAction | 'booking' | 'analysts';

/** A text that arrived, for the console's notice line. */
export interface TextNotice {
  id: number;
  clientId: string | null;
  from: string;
  body: string;
}

/** What opened a dialog beyond its record: the booking may carry the result that asked for it. */
export interface OpenOptions {
  /** « Rejoint — RDV pris » and the like: recorded by the booking dialog once the meeting is saved. */
  resultChoiceId?: string;
}

export interface ActionsState {
  open: ({ action: OpenDialog; record: ContactRecord } & OpenOptions) | null;
  /** The last mailto the console opened, shown as a link in case no mail program answers. */
  lastMailto: string | null;
  texts: TextNotice[];
  openAction(action: OpenDialog, record: ContactRecord, options?: OpenOptions): void;
  close(): void;
  /** Opens the mail program on a mailto (web: navigation; Electron: the window-open guard lets mailto through). */
  openMailto(client: PosteClient, mailto: string): void;
  /** Appeler: reports the end of the softphone call `engineCallId` on the history line `activityId`. */
  trackCall(client: PosteClient, engineCallId: string, activityId: string): void;
  /** Incoming MESSAGEs → zone 11, a notification and the SMS screen-pop (SMS-3). Returns the stop function. */
  watchTexts(client: PosteClient): () => void;
  dismissText(id: number): void;
}

let textSeq = 0;

export const useActionsStore = create<ActionsState>()((set, get) => ({
  open: null,
  lastMailto: null,
  texts: [],
  openAction(action, record, options) {
    set({
      open: { action, record, ...(options?.resultChoiceId ? { resultChoiceId: options.resultChoiceId } : {}) },
      lastMailto: null,
    });
  },
  close() {
    set({ open: null });
  },
  openMailto(client, mailto) {
    set({ lastMailto: mailto });
    if (client.host === 'electron') {
      window.open(mailto, '_blank');
      return;
    }
    const a = document.createElement('a');
    a.href = mailto;
    a.rel = 'noopener';
    a.style.display = 'none';
    document.body.append(a);
    a.click();
    a.remove();
  },
  trackCall(client, engineCallId, activityId) {
    const stop = softphoneStore.subscribe((state) => {
      const call = state.recentCalls.find((c) => c.id === engineCallId && c.state === 'ended');
      if (!call) return;
      stop();
      const answered = call.answeredAt !== undefined;
      const durationS =
        answered && call.endedAt !== undefined
          ? Math.max(0, Math.round((call.endedAt - (call.answeredAt ?? call.endedAt)) / 1000))
          : null;
      void client.tryCall('work:callEnded', { activityId, durationS, answered });
    });
  },
  watchTexts(client) {
    let seen = softphoneStore.getState().messages.length;
    const handle = async (from: string, body: string, at: number): Promise<void> => {
      const result = await client.tryCall('work:smsReceived', {
        fromNumber: from,
        body,
        at: new Date(at).toISOString(),
      });
      const clientId = result.ok ? result.value.clientId : null;
      const number = result.ok ? (result.value.e164 ?? from) : from;
      set((s) => ({ texts: [...s.texts, { id: ++textSeq, clientId, from: number, body }].slice(-5) }));
      if (typeof Notification !== 'undefined' && Notification.permission === 'granted') {
        new Notification(number, { body });
      }
      if (clientId && result.ok && result.value.e164) {
        // SMS-3: the inbound pipeline decides (reserved for the agent who answered, with the countdown).
        const popped = await client.tryCall('inbound:lookup', { number: result.value.e164, channel: 'sms' });
        if (popped.ok) useInboundStore.getState().receive(popped.value);
      }
    };
    return softphoneStore.subscribe((state) => {
      const fresh = state.messages.slice(seen);
      seen = state.messages.length;
      for (const m of fresh) void handle(m.fromUri || m.from, m.body, m.at);
    });
  },
  dismissText(id) {
    set({ texts: get().texts.filter((t) => t.id !== id) });
  },
}));
