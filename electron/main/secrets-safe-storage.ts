import { safeStorage } from 'electron';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { Logger } from '../services/log/logger';
import type { SecretStore } from '../services/secrets/store';

/**
 * The SIP password encrypted by safeStorage (on macOS, a key in the keychain). Where the OS
 * offers no encryption the password is kept in memory for this run only, never in clear.
 */
export function safeStorageSecretStore(file: string, logger: Logger): SecretStore {
  let memory: string | null = null;
  return {
    getSipPassword() {
      if (memory !== null) return memory;
      if (!existsSync(file) || !safeStorage.isEncryptionAvailable()) return null;
      try {
        memory = safeStorage.decryptString(readFileSync(file));
        return memory;
      } catch {
        logger.warn('the stored SIP password could not be decrypted');
        return null;
      }
    },
    setSipPassword(password) {
      memory = password;
      if (password === null) {
        rmSync(file, { force: true });
        return;
      }
      if (!safeStorage.isEncryptionAvailable()) {
        logger.warn('no OS encryption available: the SIP password is kept in memory only');
        return;
      }
      writeFileSync(file, safeStorage.encryptString(password), { mode: 0o600 });
    },
  };
}
