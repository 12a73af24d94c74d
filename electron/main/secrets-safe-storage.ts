import { safeStorage } from 'electron';
import { dirname, join } from 'node:path';
import type { Logger } from '../services/log/logger';
import { encryptedFileSecretStore, type Encryptor } from '../services/secrets/encrypted-file';
import type { SecretStore } from '../services/secrets/store';

/** safeStorage behind the Encryptor interface: on macOS its key lives in the login keychain. */
export const safeStorageEncryptor: Encryptor = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
};

/**
 * The SIP password encrypted by safeStorage in one file of userData (see encrypted-file.ts);
 * other named secrets (the team database's password) each in a file of their own beside it.
 */
export function safeStorageSecretStore(file: string, logger: Logger): SecretStore {
  const sip = encryptedFileSecretStore(file, safeStorageEncryptor, logger);
  const named = new Map<string, SecretStore>();
  const storeFor = (name: string): SecretStore => {
    if (!/^[a-z][a-z0-9-]{0,40}$/.test(name)) throw new Error(`invalid secret name: ${name}`);
    let store = named.get(name);
    if (!store) {
      store = encryptedFileSecretStore(join(dirname(file), `secret-${name}.bin`), safeStorageEncryptor, logger);
      named.set(name, store);
    }
    return store;
  };
  return {
    getSipPassword: () => sip.getSipPassword(),
    setSipPassword: (password) => sip.setSipPassword(password),
    getSecret: (name) => storeFor(name).getSipPassword(),
    setSecret: (name, value) => storeFor(name).setSipPassword(value),
  };
}
