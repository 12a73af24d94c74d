import { create } from 'zustand';
import type { PosteClient } from '../../app/client';
import type { SyncStatus } from '../../../shared/ipc/contract-sync';

interface SyncStore {
  status: SyncStatus | null;
  load(client: PosteClient): Promise<void>;
  set(status: SyncStatus): void;
  ack(client: PosteClient, ids: string[]): Promise<void>;
  syncNow(client: PosteClient): Promise<void>;
}

/** The team sync's state as the services report it (`sync:status`, `sync:changed`). */
export const useSyncStore = create<SyncStore>((set) => ({
  status: null,
  async load(client) {
    set({ status: await client.call('sync:status', {}) });
  },
  set(status) {
    set({ status });
  },
  async ack(client, ids) {
    set({ status: await client.call('sync:ackConflicts', { ids }) });
  },
  async syncNow(client) {
    set({ status: await client.call('sync:now', {}) });
  },
}));
