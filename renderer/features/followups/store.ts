import { create } from 'zustand';
import type { FollowUpItemDto, FollowUpStateDto } from '../../../shared/ipc/contract-leads';
import type { PosteClient } from '../../app/client';

interface FollowUpsState {
  items: FollowUpItemDto[];
  status: 'idle' | 'loading' | 'ready' | 'error';
  error: string | null;
  /** The last note logged (FU-2), shown to the agent. */
  logged: FollowUpStateDto | null;
  /** The file last set to Perdu BDC here, by its client's name, shown to the agent. */
  lost: string | null;
  load(client: PosteClient): Promise<void>;
  log(client: PosteClient, opportunityId: string, textSent: boolean): Promise<FollowUpStateDto | null>;
  markLost(client: PosteClient, opportunityId: string): Promise<boolean>;
}

let sequence = 0;

/** FU-1..FU-3: today's follow-up list, logging a follow-up with its composed note, Perdu BDC. */
export const useFollowUpsStore = create<FollowUpsState>()((set, get) => ({
  items: [],
  status: 'idle',
  error: null,
  logged: null,
  lost: null,
  async load(client) {
    const mine = ++sequence;
    set({ status: get().items.length ? 'ready' : 'loading' });
    const result = await client.tryCall('followups:today', { limit: 100 });
    if (mine !== sequence) return;
    if (result.ok) set({ items: result.value, status: 'ready', error: null });
    else set({ status: 'error', error: result.error.message });
  },
  async log(client, opportunityId, textSent) {
    const result = await client.tryCall('followups:log', { opportunityId, ...(textSent ? { textSent } : {}) });
    if (!result.ok) {
      set({ error: result.error.message });
      return null;
    }
    set({ logged: result.value, lost: null, error: null });
    await get().load(client);
    return result.value;
  },
  async markLost(client, opportunityId) {
    const name = get().items.find((i) => i.opportunityId === opportunityId)?.name ?? '';
    const result = await client.tryCall('followups:markLost', { opportunityId });
    if (!result.ok) set({ error: result.error.message });
    else set({ lost: name, logged: null, error: null });
    await get().load(client);
    return result.ok;
  },
}));
