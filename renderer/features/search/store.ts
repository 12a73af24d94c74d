import { create } from 'zustand';
import type { SearchHit } from '../../../shared/ipc/dto';
import type { PosteClient } from '../../app/client';

interface SearchState {
  query: string;
  hits: SearchHit[];
  status: 'idle' | 'searching' | 'ready' | 'error';
  error: string | null;
  search(client: PosteClient, query: string): Promise<void>;
}

let sequence = 0;

/** Search as you type: every keystroke searches; only the latest answer is kept. */
export const useSearchStore = create<SearchState>()((set) => ({
  query: '',
  hits: [],
  status: 'idle',
  error: null,
  async search(client, query) {
    const mine = ++sequence;
    set({ query, status: query.trim() ? 'searching' : 'idle', error: null, ...(query.trim() ? {} : { hits: [] }) });
    if (!query.trim()) return;
    const result = await client.tryCall('contacts:search', { query: query.slice(0, 200), limit: 20 });
    if (mine !== sequence) return;
    if (result.ok) set({ hits: result.value, status: 'ready' });
    else set({ status: 'error', error: result.error.message });
  },
}));
