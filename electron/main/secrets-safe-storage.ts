import { safeStorage } from 'electron';
import type { Logger } from '../services/log/logger';
import { encryptedFileSecretStore, type Encryptor } from '../services/secrets/encrypted-file';
import type { SecretStore } from '../services/secrets/store';

/** safeStorage behind the Encryptor interface: on macOS its key lives in the login keychain. */
export const safeStorageEncryptor: Encryptor = {
  isAvailable: () => safeStorage.isEncryptionAvailable(),
  encrypt: (plain) => safeStorage.encryptString(plain),
  decrypt: (cipher) => safeStorage.decryptString(cipher),
};

/** The SIP password encrypted by safeStorage in one file of userData (see encrypted-file.ts). */
export function safeStorageSecretStore(file: string, logger: Logger): SecretStore {
  return encryptedFileSecretStore(file, safeStorageEncryptor, logger);
}
