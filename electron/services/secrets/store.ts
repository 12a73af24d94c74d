/**
 * Where the SIP password is kept. Electron encrypts it with safeStorage (the macOS
 * keychain) in electron/main; the web host and the tests keep it in memory only.
 * The password never goes to the settings file or a log.
 */
export interface SecretStore {
  getSipPassword(): string | null;
  setSipPassword(password: string | null): void;
}

export function memorySecretStore(initial: string | null = null): SecretStore {
  let password = initial;
  return {
    getSipPassword: () => password,
    setSipPassword: (value) => {
      password = value;
    },
  };
}
