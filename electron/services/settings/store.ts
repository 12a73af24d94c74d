import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '../../../shared/domain/settings';

/**
 * Where non-secret settings live. Electron uses electron-store (in electron/main); the web
 * host and the tests use the JSON file below. Both keep the same validated shape.
 */
export interface SettingsStore {
  read(): Settings;
  write(settings: Settings): void;
}

/** In memory only: for tests and for a web host started without a data folder. */
export function memorySettingsStore(initial: Settings = DEFAULT_SETTINGS): SettingsStore {
  let current = structuredClone(initial);
  return {
    read: () => structuredClone(current),
    write: (settings) => {
      current = structuredClone(settings);
    },
  };
}

/**
 * A JSON file, written atomically (temp file then rename). A file that no longer validates
 * (hand-edited, older shape) falls back to the defaults for the broken keys only.
 */
export function fileSettingsStore(file: string): SettingsStore {
  return {
    read() {
      if (!existsSync(file)) return structuredClone(DEFAULT_SETTINGS);
      let raw: unknown;
      try {
        raw = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return structuredClone(DEFAULT_SETTINGS);
      }
      return repairSettings(raw);
    },
    write(settings) {
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      writeFileSync(temp, JSON.stringify(settingsSchema.parse(settings), null, 2), { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}

/** Keeps every stored key that still validates and takes the default for the others. */
export function repairSettings(raw: unknown): Settings {
  const whole = settingsSchema.safeParse(raw);
  if (whole.success) return whole.data;
  const merged: Record<string, unknown> = structuredClone(DEFAULT_SETTINGS);
  if (raw && typeof raw === 'object') {
    for (const [key, value] of Object.entries(raw)) {
      if (!(key in DEFAULT_SETTINGS)) continue;
      const candidate = settingsSchema.safeParse({ ...merged, [key]: value });
      if (candidate.success) merged[key] = value;
    }
  }
  return settingsSchema.parse(merged);
}
