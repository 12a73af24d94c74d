import { create } from 'zustand';
import type { Settings, SettingsPatch } from '../../../shared/domain/settings';
import type { Channel, RequestOf, ResponseOf } from '../../../shared/ipc/contract';
import type { Branch, DirectoryAgent, MicrophoneAccess, ResultChoice, SmsTemplate } from '../../../shared/ipc/contract-desk';
import type { PosteClient } from '../../app/client';
import type { FieldErrors } from './validate';
import { errorMessage } from '../../../shared/error-message';

/**
 * The settings screen's state: what the services hold, loaded once when the screen opens
 * and refreshed after each save. Every save answers `null` (done) or the field errors to
 * show; a refusal from the services is shown on the field its `path` names.
 */
export type SaveOutcome = FieldErrors | null;

interface SettingsState {
  settings: Settings | null;
  sipPasswordSet: boolean;
  agents: DirectoryAgent[];
  templates: SmsTemplate[];
  results: ResultChoice[];
  branches: Branch[];
  microphone: MicrophoneAccess;
  diagnostics: string;
  loadError: string | null;
  load(client: PosteClient): Promise<void>;
  refresh(client: PosteClient, area: 'directory' | 'templates' | 'results' | 'branches'): Promise<void>;
  setMicrophone(status: MicrophoneAccess): void;
  updateSettings(client: PosteClient, patch: SettingsPatch, fieldPrefix?: string): Promise<SaveOutcome>;
  setPassword(client: PosteClient, password: string): Promise<SaveOutcome>;
  call<C extends Channel>(client: PosteClient, channel: C, input: RequestOf<C>, prefix?: string): Promise<{ value: ResponseOf<C> } | { errors: FieldErrors }>;
  loadDiagnostics(client: PosteClient): Promise<void>;
}

/** A refusal from the services, on the field its path names (prefix stripped), else on the form. */
export function serverErrors(error: { message: string; path?: string }, prefix = ''): FieldErrors {
  const path = error.path ?? '';
  const field = path.startsWith(prefix) ? path.slice(prefix.length) : path;
  return { [field || 'form']: { key: 'errors.server', values: { message: error.message } } };
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  settings: null,
  sipPasswordSet: false,
  agents: [],
  templates: [],
  results: [],
  branches: [],
  microphone: 'unknown',
  diagnostics: '',
  loadError: null,
  async load(client) {
    try {
      const [view, agents, templates, results, branches, microphone] = await Promise.all([
        client.call('settings:get', {}),
        client.call('directory:list', {}),
        client.call('templates:list', {}),
        client.call('results:list', {}),
        client.call('branches:list', {}),
        client.call('desk:microphoneAccess', {}),
      ]);
      set({
        settings: view.settings,
        sipPasswordSet: view.sipPasswordSet,
        agents,
        templates,
        results,
        branches,
        microphone: microphone.status,
        loadError: null,
      });
    } catch (error) {
      set({ loadError: errorMessage(error) });
    }
  },
  async refresh(client, area) {
    if (area === 'directory') set({ agents: await client.call('directory:list', {}) });
    if (area === 'templates') set({ templates: await client.call('templates:list', {}) });
    if (area === 'results') set({ results: await client.call('results:list', {}) });
    if (area === 'branches') set({ branches: await client.call('branches:list', {}) });
  },
  setMicrophone(status) {
    set({ microphone: status });
  },
  async updateSettings(client, patch, fieldPrefix = 'patch.') {
    const result = await client.tryCall('settings:update', { patch });
    if (!result.ok) return serverErrors(result.error, fieldPrefix);
    set({ settings: result.value.settings, sipPasswordSet: result.value.sipPasswordSet });
    return null;
  },
  async setPassword(client, password) {
    const result = await client.tryCall('settings:setSipPassword', { password });
    if (!result.ok) return { 'sip.password': { key: 'errors.server', values: { message: result.error.message } } };
    set({ sipPasswordSet: result.value.sipPasswordSet });
    return null;
  },
  async call(client, channel, input, prefix = '') {
    const result = await client.tryCall(channel, input);
    if (!result.ok) return { errors: serverErrors(result.error, prefix) };
    return { value: result.value };
  },
  async loadDiagnostics(client) {
    const result = await client.tryCall('diagnostics:get', {});
    set({ diagnostics: result.ok ? result.value.text : result.error.message });
  },
}));
