import { create } from 'zustand';
import type { InboundResult } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import { useRecordStore } from '../record/store';

export interface InboundState {
  /** The contact on screen (ringing, or just simulated), newest first; call waiting keeps the others. */
  current: InboundResult | null;
  waiting: InboundResult[];
  applied: string[];
  overridden: boolean;
  busy: boolean;
  error: string | null;
  receive(result: InboundResult): void;
  simulate(client: PosteClient, number?: string): Promise<void>;
  apply(client: PosteClient, action: string): Promise<void>;
  override(client: PosteClient, reason: string): Promise<boolean>;
  checkEmail(client: PosteClient, email: string): Promise<void>;
  createPhoneUp(client: PosteClient, form: PhoneUpForm): Promise<boolean>;
  dismiss(): void;
  /** Call waiting: puts a waiting contact back on screen, the one shown going to the waiting list. */
  resume(callId: string): void;
}

export interface PhoneUpForm {
  firstName: string;
  lastName: string;
  language: 'fr' | 'en';
  email: string;
  message: string;
  year: string;
  make: string;
  model: string;
  stock: string;
}

/** Shows the caller's record as it came with the verdict: no second round trip. */
function showRecord(result: InboundResult): void {
  if (result.record) {
    useRecordStore.setState({ clientId: result.record.client.id, record: result.record, status: 'ready', error: null });
  }
}

/** The screen-pop: the contact coming in, its verdict, and what the agent did with it. */
export const useInboundStore = create<InboundState>()((set, get) => {
  async function run<T>(work: () => Promise<{ ok: true; value: T } | { ok: false; error: { message: string } }>): Promise<T | null> {
    set({ busy: true, error: null });
    const result = await work();
    set({ busy: false });
    if (!result.ok) {
      set({ error: result.error.message });
      return null;
    }
    return result.value;
  }
  /** What the agent did for each contact that went to the waiting list, by call. */
  const done = new Map<string, { applied: string[]; overridden: boolean }>();
  function keep(callId: string): void {
    const { applied, overridden } = get();
    done.set(callId, { applied, overridden });
  }
  function kept(callId: string): { applied: string[]; overridden: boolean } {
    const state = done.get(callId) ?? { applied: [], overridden: false };
    done.delete(callId);
    return state;
  }

  return {
    current: null,
    waiting: [],
    applied: [],
    overridden: false,
    busy: false,
    error: null,
    receive(result) {
      const { current, waiting } = get();
      if (current && current.callId !== result.callId) {
        keep(current.callId);
        set({ waiting: [current, ...waiting].slice(0, 5) });
      }
      set({ current: result, ...kept(result.callId), error: null });
      showRecord(result);
    },
    async simulate(client, number) {
      const result = await run(() => client.tryCall('inbound:simulate', number ? { number } : {}));
      // The services also announce it as an event; receiving the same call twice is harmless.
      if (result) get().receive(result);
    },
    async apply(client, action) {
      const current = get().current;
      if (!current) return;
      const done = await run(() => client.tryCall('inbound:apply', { callId: current.callId, action }));
      if (done) set({ applied: [...get().applied, action] });
    },
    async override(client, reason) {
      const current = get().current;
      if (!current) return false;
      const done = await run(() => client.tryCall('inbound:override', { callId: current.callId, reason }));
      if (done) set({ overridden: true });
      return done !== null;
    },
    async checkEmail(client, email) {
      const current = get().current;
      if (!current) return;
      const result = await run(() => client.tryCall('inbound:checkEmail', { callId: current.callId, email }));
      if (result) set({ current: { ...result, record: result.record ?? current.record } });
    },
    async createPhoneUp(client, form) {
      const current = get().current;
      if (!current) return false;
      const text = (value: string) => (value.trim() === '' ? null : value.trim());
      const year = form.year.trim() === '' ? null : Number(form.year);
      const record = await run(() =>
        client.tryCall('inbound:createPhoneUp', {
          callId: current.callId,
          firstName: form.firstName,
          lastName: form.lastName,
          language: form.language,
          email: text(form.email),
          message: text(form.message),
          vehicle:
            text(form.make) || text(form.model) || text(form.stock) || year !== null
              ? { year: Number.isInteger(year) ? year : null, make: text(form.make), model: text(form.model), stock: text(form.stock) }
              : null,
        }),
      );
      if (!record) return false;
      set({ current: { ...current, record, clientId: record.client.id }, applied: [...get().applied, 'create_opportunity'] });
      useRecordStore.setState({ clientId: record.client.id, record, status: 'ready', error: null });
      if (form.email.trim()) await get().checkEmail(client, form.email);
      return true;
    },
    resume(callId) {
      const { current, waiting } = get();
      const next = waiting.find((w) => w.callId === callId);
      if (!next) return;
      const rest = waiting.filter((w) => w.callId !== callId);
      if (current) keep(current.callId);
      // What was already done for it comes back with it: its buttons stay done.
      set({ current: next, waiting: current ? [current, ...rest] : rest, ...kept(callId), error: null });
      showRecord(next);
    },
    dismiss() {
      const [next, ...rest] = get().waiting;
      set({ current: next ?? null, waiting: rest, ...(next ? kept(next.callId) : { applied: [], overridden: false }), error: null });
      if (next) showRecord(next);
    },
  };
});
