import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where Poste keeps its data when no folder is given: the same folder Electron's
 * app.getPath('userData') gives for productName "Poste", so both hosts share one cache.
 */
export function defaultDataDir(): string {
  const home = homedir();
  if (process.platform === 'darwin') return join(home, 'Library', 'Application Support', 'Poste');
  if (process.platform === 'win32') return join(process.env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'Poste');
  return join(process.env.XDG_CONFIG_HOME ?? join(home, '.config'), 'Poste');
}

export const DATABASE_FILE = 'poste.sqlite';
export const SETTINGS_FILE = 'settings.json';
