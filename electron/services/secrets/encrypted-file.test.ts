import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { silentLogger } from '../log/logger';
import { encryptedFileSecretStore, type Encryptor } from './encrypted-file';

/** A stand-in for safeStorage: AES-256-GCM with a key that lives in this process only. */
function fakeKeychain(): Encryptor & { available: boolean } {
  const key = randomBytes(32);
  return {
    available: true,
    isAvailable() {
      return this.available;
    },
    encrypt(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const data = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return Buffer.concat([Buffer.from('v10'), iv, cipher.getAuthTag(), data]);
    },
    decrypt(blob) {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(3, 15));
      decipher.setAuthTag(blob.subarray(15, 31));
      return Buffer.concat([decipher.update(blob.subarray(31)), decipher.final()]).toString('utf8');
    },
  };
}

const PASSWORD = 'Tr0ub4dor&3-Hunter2';

function encodings(secret: string): string[] {
  const utf8 = Buffer.from(secret, 'utf8');
  return [utf8.toString('latin1'), utf8.toString('hex'), utf8.toString('base64'), Buffer.from(secret, 'utf16le').toString('latin1')];
}

describe('the SIP password at rest', () => {
  it('is written encrypted: the file holds no form of the password', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-secret-'));
    const file = join(dir, 'sip-password.bin');
    const store = encryptedFileSecretStore(file, fakeKeychain(), silentLogger);
    store.setSipPassword(PASSWORD);
    const raw = readFileSync(file).toString('latin1');
    for (const form of encodings(PASSWORD)) expect(raw).not.toContain(form);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(store.getSipPassword()).toBe(PASSWORD);
  });

  it('is read back by a new store on the same file (a restart) with the same key', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-secret-'));
    const file = join(dir, 'sip-password.bin');
    const keychain = fakeKeychain();
    encryptedFileSecretStore(file, keychain, silentLogger).setSipPassword(PASSWORD);
    expect(encryptedFileSecretStore(file, keychain, silentLogger).getSipPassword()).toBe(PASSWORD);
    // Another machine's keychain cannot read it: the password is simply absent.
    expect(encryptedFileSecretStore(file, fakeKeychain(), silentLogger).getSipPassword()).toBeNull();
  });

  it('stays in memory only when the OS offers no encryption, and removes an old file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-secret-'));
    const file = join(dir, 'sip-password.bin');
    const keychain = fakeKeychain();
    const store = encryptedFileSecretStore(file, keychain, silentLogger);
    store.setSipPassword('old-one-1234');
    keychain.available = false;
    store.setSipPassword(PASSWORD);
    expect(existsSync(file)).toBe(false);
    expect(store.getSipPassword()).toBe(PASSWORD);
  });

  it('refuses an encryptor that hands the password back in clear', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-secret-'));
    const file = join(dir, 'sip-password.bin');
    const identity: Encryptor = { isAvailable: () => true, encrypt: (p) => Buffer.from(`v10${p}`), decrypt: (b) => b.toString().slice(3) };
    const store = encryptedFileSecretStore(file, identity, silentLogger);
    expect(() => store.setSipPassword(PASSWORD)).toThrow(/did not encrypt/);
    expect(existsSync(file)).toBe(false);
    expect(store.getSipPassword()).toBeNull();
  });

  it('forgets the password when it is cleared', () => {
    const dir = mkdtempSync(join(tmpdir(), 'poste-secret-'));
    const file = join(dir, 'sip-password.bin');
    const store = encryptedFileSecretStore(file, fakeKeychain(), silentLogger);
    store.setSipPassword(PASSWORD);
    store.setSipPassword(null);
    expect(existsSync(file)).toBe(false);
    expect(store.getSipPassword()).toBeNull();
  });
});
