import { create } from 'zustand';
import type { LeadType } from '../../../shared/domain/model';
import type { QueueFilter, QueueItemDto } from '../../../shared/ipc/contract-leads';
import type { PosteClient } from '../../app/client';

interface QueueState {
  filter: QueueFilter;
  type: LeadType | null;
  items: QueueItemDto[];
  total: number;
  headId: string | null;
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The lead just handed out (« Lead suivant » or taken with a reason). */
  given: QueueItemDto | null;
  /** A lead the agent wants that is not the head: waits for a reason. */
  asking: QueueItemDto | null;
  load(client: PosteClient): Promise<void>;
  setFilter(client: PosteClient, filter: QueueFilter): Promise<void>;
  setType(client: PosteClient, type: LeadType | null): Promise<void>;
  next(client: PosteClient): Promise<QueueItemDto | null>;
  take(client: PosteClient, item: QueueItemDto, reason?: string): Promise<QueueItemDto | null>;
  cancelAsk(): void;
}

let sequence = 0;

/** the queue in order, the agent's head, « Lead suivant » and out-of-order takes. */
export const useQueueStore = create<QueueState>()((set, get) => ({
  filter: 'all',
  type: null,
  items: [],
  total: 0,
  headId: null,
  status: 'idle',
  error: null,
  given: null,
  asking: null,
  async load(client) {
    const mine = ++sequence;
    set({ status: get().items.length ? 'ready' : 'loading', error: null });
    const { filter, type } = get();
    const result = await client.tryCall('queue:list', { filter, ...(type ? { type } : {}), limit: 100 });
    if (mine !== sequence) return;
    if (result.ok) set({ items: result.value.items, total: result.value.total, headId: result.value.headId, status: 'ready' });
    else set({ status: 'error', error: result.error.message });
  },
  async setFilter(client, filter) {
    set({ filter });
    await get().load(client);
  },
  async setType(client, type) {
    set({ type });
    await get().load(client);
  },
  async next(client) {
    const result = await client.tryCall('queue:next', {});
    if (!result.ok) {
      set({ error: result.error.message });
      return null;
    }
    set({ given: result.value, error: null });
    await get().load(client);
    return result.value;
  },
  async take(client, item, reason) {
    if (item.opportunityId !== get().headId && !reason) {
      set({ asking: item });
      return null;
    }
    const result = await client.tryCall('queue:take', { opportunityId: item.opportunityId, ...(reason ? { reason } : {}) });
    if (!result.ok) {
      set({ error: result.error.message });
      return null;
    }
    set({ given: result.value, asking: null, error: null });
    await get().load(client);
    return result.value;
  },
  cancelAsk() {
    set({ asking: null });
  },
}));
