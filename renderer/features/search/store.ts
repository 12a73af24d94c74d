import { create } from 'zustand';
import type { SearchHit } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';

interface SearchState {
  query: string;
  hits: SearchHit[];
  status: 'idle' | 'searching' | 'ready' | 'error';
  error: string | null;
  search(client: PosteClient, query: string): Promise<void>;
  /** The same query again, quietly (the list stays on screen): a shown client changed. */
  refresh(client: PosteClient): Promise<void>;
}

let sequence = 0;

/** Results asked for per keystroke; a full list says there may be more. */
export const SEARCH_LIMIT = 20;

/** Search as you type: every keystroke searches; only the latest answer is kept. */
export const useSearchStore = create<SearchState>()((set, get) => ({
  query: '',
  hits: [],
  status: 'idle',
  error: null,
  async search(client, query) {
    const mine = ++sequence;
    set({ query, status: query.trim() ? 'searching' : 'idle', error: null, ...(query.trim() ? {} : { hits: [] }) });
    if (!query.trim()) return;
    const result = await client.tryCall('contacts:search', { query: query.slice(0, 200), limit: SEARCH_LIMIT });
    if (mine !== sequence) return;
    if (result.ok) set({ hits: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error.message });
  },
  async refresh(client) {
    const { query } = get();
    if (!query.trim()) return;
    const mine = ++sequence;
    const result = await client.tryCall('contacts:search', { query: query.slice(0, 200), limit: SEARCH_LIMIT });
    if (mine !== sequence) return;
    if (result.ok) set({ hits: result.value, status: 'ready', error: null });
  },
}));

/**
 * Keeps the results true to the cache: a `record:changed` for a client in the list (renamed,
 * merged away, given a number) searches again. Returns the unsubscribe.
 */
export function watchSearchChanges(client: PosteClient): () => void {
  return client.on('record:changed', ({ clientId }) => {
    if (useSearchStore.getState().hits.some((hit) => hit.clientId === clientId)) void useSearchStore.getState().refresh(client);
  });
}
