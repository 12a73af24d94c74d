import { create } from 'zustand';
import type { LeadType } from '../../../shared/domain/model';
import type { QueueFilter, QueueItemDto } from '../../../shared/ipc/contract-leads';
import type { PosteClient } from '../../app/client';

/** The shortest reason the services accept for an out-of-order take. */
export const MIN_REASON = 3;

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
  /** The reason typed in the dialog; kept when the services refuse the take. */
  reason: string;
  /** Why the services refused the take asked for in the dialog, shown in it. */
  askError: string | null;
  load(client: PosteClient): Promise<void>;
  setFilter(client: PosteClient, filter: QueueFilter): Promise<void>;
  setType(client: PosteClient, type: LeadType | null): Promise<void>;
  next(client: PosteClient): Promise<QueueItemDto | null>;
  /** Takes the head at once; any other lead opens the reason dialog. */
  take(client: PosteClient, item: QueueItemDto): Promise<QueueItemDto | null>;
  setReason(reason: string): void;
  /** Takes the lead of the dialog with its reason; a refusal stays in the dialog. */
  confirmAsk(client: PosteClient): Promise<QueueItemDto | null>;
  cancelAsk(): void;
}

/** the queue in order, the agent's head, « Lead suivant » and out-of-order takes. */
export function createQueueStore() {
  let sequence = 0;
  return create<QueueState>()((set, get) => {
    const taken = async (client: PosteClient, item: QueueItemDto) => {
      set({ given: item, asking: null, reason: '', askError: null, error: null });
      await get().load(client);
      return item;
    };
    return {
      filter: 'all',
      type: null,
      items: [],
      total: 0,
      headId: null,
      status: 'idle',
      error: null,
      given: null,
      asking: null,
      reason: '',
      askError: null,
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
      async take(client, item) {
        if (item.opportunityId !== get().headId) {
          set({ asking: item, reason: '', askError: null });
          return null;
        }
        const result = await client.tryCall('queue:take', { opportunityId: item.opportunityId });
        if (!result.ok) {
          set({ error: result.error.message });
          return null;
        }
        return taken(client, result.value);
      },
      setReason(reason) {
        set({ reason });
      },
      async confirmAsk(client) {
        const { asking, reason } = get();
        const text = reason.trim();
        if (!asking || text.length < MIN_REASON) return null;
        set({ askError: null });
        const result = await client.tryCall('queue:take', { opportunityId: asking.opportunityId, reason: text });
        if (!result.ok) {
          // The agent reads why in the dialog they are looking at, their reason still there;
          // the list behind it is read again (the lead may have been taken meanwhile).
          if (get().asking?.opportunityId === asking.opportunityId) set({ askError: result.error.message });
          void get().load(client);
          return null;
        }
        return taken(client, result.value);
      },
      cancelAsk() {
        set({ asking: null, reason: '', askError: null });
      },
    };
  });
}

export const useQueueStore = createQueueStore();
