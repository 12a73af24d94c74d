import { create } from 'zustand';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/domain/settings';
import type { AgentSummary } from '../../shared/ipc/dto';
import type { PosteClient } from './client';
import type { Language } from './i18n';
import { errorMessage } from '../../shared/error-message';
import { coalesce } from './coalesce';

type AppInfo = ResponseOf<'app:info'>;

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  language: Language;
  agents: AgentSummary[];
  error: string | null;
  load(client: PosteClient): Promise<void>;
  /** Reads `app:info` again (the header's count of clients); the shell re-renders only if it changed. */
  refreshInfo(client: PosteClient): Promise<void>;
  setAgent(client: PosteClient, agentId: string): Promise<void>;
  setLanguage(client: PosteClient, language: Language): Promise<void>;
}

/** The shell's state: who is at the console, their settings, the UI language. */
export const useAppStore = create<AppState>()((set, get) => ({
  info: null,
  settings: null,
  language: 'fr',
  agents: [],
  error: null,
  async load(client) {
    try {
      const [info, { settings }, agents] = await Promise.all([
        client.call('app:info', {}),
        client.call('settings:get', {}),
        client.call('agents:list', {}),
      ]);
      set({ info, settings, agents, language: settings.language, error: null });
    } catch (error) {
      set({ error: errorMessage(error) });
    }
  },
  async refreshInfo(client) {
    const result = await client.tryCall('app:info', {});
    if (!result.ok) return;
    const info = get().info;
    const same =
      info !== null &&
      info.clients === result.value.clients &&
      info.version === result.value.version &&
      info.host === result.value.host &&
      JSON.stringify(info.agent) === JSON.stringify(result.value.agent);
    if (!same) set({ info: result.value });
  },
  async setAgent(client, agentId) {
    const result = await client.tryCall('settings:update', { patch: { agentId } });
    if (!result.ok) return set({ error: result.error.message });
    const info = await client.call('app:info', {});
    set({ settings: result.value.settings, info, error: null });
  },
  async setLanguage(client, language) {
    set({ language });
    const result = await client.tryCall('settings:update', { patch: { language } });
    if (result.ok) set({ settings: result.value.settings });
    else set({ error: result.error.message });
  },
}));

/**
 * The events after which the cache may hold more or fewer clients: an import creates them
 * (`record:changed` for each, `leads:imported` for a watched folder), a merge removes some
 * (`record:changed` for the kept and the merged ones), a pull from the team server brings
 * them (`record:changed` for a small pull, `sync:changed` once it is applied).
 */
export const CLIENT_COUNT_EVENTS = ['record:changed', 'leads:imported', 'queue:changed', 'sync:changed'] as const;

/**
 * Keeps the header's « N clients en cache » current: on any of those events the count is
 * read again, once per burst (an import of a thousand leads sends a thousand events).
 * Returns the unsubscribe.
 */
export function followClientCount(client: PosteClient, ms = 500): () => void {
  const refresh = coalesce(() => void useAppStore.getState().refreshInfo(client), ms);
  const offs = CLIENT_COUNT_EVENTS.map((event) => client.on(event, () => refresh.request()));
  return () => {
    refresh.cancel();
    for (const off of offs) off();
  };
}
