import Store from 'electron-store';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings';
import { repairSettings, type SettingsStore } from '../services/settings/store';

/** Non-secret settings in electron-store (a JSON file in userData), validated on read. */
export function electronSettingsStore(): SettingsStore {
  const store = new Store<{ settings: Settings }>({ name: 'settings', defaults: { settings: DEFAULT_SETTINGS } });
  return {
    read: () => repairSettings(store.get('settings')),
    write: (settings) => store.set('settings', settings),
  };
}
