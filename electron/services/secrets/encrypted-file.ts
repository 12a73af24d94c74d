import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Logger } from '../log/logger';
import type { SecretStore } from './store';

/**
 * What encrypts the SIP password at rest. In Electron it is safeStorage (on macOS a key
 * kept in the login keychain, see electron/main/secrets-safe-storage.ts); tests give their
 * own, so the file logic below runs and is proven in plain Node.
 */
export interface Encryptor {
  isAvailable(): boolean;
  encrypt(plain: string): Buffer;
  decrypt(cipher: Buffer): string;
}

/**
 * The SIP password encrypted in one file (mode 0600, written atomically). Where the OS
 * offers no encryption the password is kept in memory for this run only: never in clear
 * on disk. Nothing here logs the password, and errors never carry it.
 */
export function encryptedFileSecretStore(file: string, encryptor: Encryptor, logger: Logger): SecretStore {
  let memory: string | null = null;
  let loaded = false;
  return {
    getSipPassword() {
      if (memory !== null || loaded) return memory;
      loaded = true;
      if (!existsSync(file)) return null;
      if (!encryptor.isAvailable()) {
        logger.warn('the OS cannot decrypt the stored SIP password now');
        loaded = false;
        return null;
      }
      try {
        memory = encryptor.decrypt(readFileSync(file));
        return memory;
      } catch {
        logger.warn('the stored SIP password could not be decrypted');
        return null;
      }
    },
    setSipPassword(password) {
      if (password === null) {
        memory = null;
        loaded = true;
        rmSync(file, { force: true });
        return;
      }
      if (!encryptor.isAvailable()) {
        memory = password;
        loaded = true;
        rmSync(file, { force: true });
        logger.warn('no OS encryption available: the SIP password is kept in memory only');
        return;
      }
      const cipher = encryptor.encrypt(password);
      if (password.length >= 4 && cipher.includes(Buffer.from(password, 'utf8'))) {
        // An encryptor that hands the password back as is would write it in clear: refuse.
        throw new Error('the encryptor did not encrypt; the SIP password was not written');
      }
      memory = password;
      loaded = true;
      mkdirSync(dirname(file), { recursive: true });
      const temp = `${file}.tmp`;
      writeFileSync(temp, cipher, { mode: 0o600 });
      renameSync(temp, file);
    },
  };
}
