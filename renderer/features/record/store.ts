import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ContactRecord } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';
import { coalesce } from '../../app/coalesce';
import { errorMessage } from '../../../shared/error-message';

export type RecordStatus = 'idle' | 'loading' | 'ready' | 'error';

export interface RecordState {
  /** The client whose record is open (or being opened). */
  clientId: string | null;
  record: ContactRecord | null;
  status: RecordStatus;
  /** The last load's error; on a failed refresh the previous record stays shown. */
  error: string | null;
  /** Opens a client's record; a later `open` wins over an earlier one still loading. */
  open(client: PosteClient, clientId: string): Promise<void>;
  /** Reloads the open record in place (after `record:changed`), keeping it on screen. */
  refresh(client: PosteClient): Promise<void>;
  clear(): void;
}

export type RecordStore = UseBoundStore<StoreApi<RecordState>>;

function messageOf(error: unknown): string {
  return errorMessage(error);
}

/**
 * A record store. Every load takes a ticket; an answer whose ticket is no longer the
 * latest is dropped, so opening B while A is loading shows B even if A answers last,
 * and a refresh never brings back a record the agent has left.
 */
export function createRecordStore(): RecordStore {
  let ticket = 0;

  return create<RecordState>()((set, get) => {
    async function load(client: PosteClient, clientId: string, mine: number): Promise<void> {
      let outcome: { ok: true; record: ContactRecord } | { ok: false; message: string };
      try {
        const result = await client.tryCall('contacts:get', { clientId });
        outcome = result.ok ? { ok: true, record: result.value } : { ok: false, message: result.error.message };
      } catch (error) {
        outcome = { ok: false, message: messageOf(error) };
      }
      if (mine !== ticket) return;
      if (outcome.ok) set({ record: outcome.record, status: 'ready', error: null });
      else set({ status: 'error', error: outcome.message });
    }

    return {
      clientId: null,
      record: null,
      status: 'idle',
      error: null,
      async open(client, clientId) {
        const mine = ++ticket;
        const same = get().clientId === clientId && get().record !== null;
        // Re-opening the record on screen reloads it without blanking it.
        set(same ? { status: 'loading', error: null } : { clientId, record: null, status: 'loading', error: null });
        await load(client, clientId, mine);
      },
      async refresh(client) {
        const { clientId } = get();
        if (clientId === null) return;
        const mine = ++ticket;
        if (get().record === null) set({ status: 'loading', error: null });
        await load(client, clientId, mine);
      },
      clear() {
        ticket++;
        set({ clientId: null, record: null, status: 'idle', error: null });
      },
    };
  });
}

/** The record screen's store (one per window). */
export const useRecordStore: RecordStore = createRecordStore();

/**
 * Refreshes the open record whenever the services say it changed (`record:changed` for
 * the open client). Returns the unsubscribe.
 */
export function watchRecordChanges(client: PosteClient, store: RecordStore = useRecordStore, ms = 200): () => void {
  // A burst of changes to the open client (texts arriving) reloads the record once.
  const reload = coalesce(() => void store.getState().refresh(client), ms);
  const off = client.on('record:changed', ({ clientId }) => {
    const state = store.getState();
    if (state.clientId !== null && state.clientId === clientId) reload.request();
  });
  return () => {
    reload.cancel();
    off();
  };
}
