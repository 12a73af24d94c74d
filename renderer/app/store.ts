import { create } from 'zustand';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { Settings } from '../../shared/domain/settings';
import type { AgentSummary } from '../../shared/ipc/dto';
import type { PosteClient } from './client';
import type { Language } from './i18n';
import { errorMessage } from '../../shared/error-message';

type AppInfo = ResponseOf<'app:info'>;

interface AppState {
  info: AppInfo | null;
  settings: Settings | null;
  language: Language;
  agents: AgentSummary[];
  error: string | null;
  load(client: PosteClient): Promise<void>;
  setAgent(client: PosteClient, agentId: string): Promise<void>;
  setLanguage(client: PosteClient, language: Language): Promise<void>;
}

/** The shell's state: who is at the console, their settings, the UI language. */
export const useAppStore = create<AppState>()((set) => ({
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
