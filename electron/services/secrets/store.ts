/**
 * Where the SIP password is kept. Electron encrypts it with safeStorage (the macOS
 * keychain) in electron/main; the web host and the tests keep it in memory only.
 * The password never goes to the settings file or a log.
 */
export interface SecretStore {
  getSipPassword(): string | null;
  setSipPassword(password: string | null): void;
  /**
   * Other named secrets (the team database's password, issue 9). Optional so the keychain
   * store in electron/main can add them later; callers fall back to memory for this run.
   */
  getSecret?(name: string): string | null;
  setSecret?(name: string, value: string | null): void;
}

export function memorySecretStore(initial: string | null = null): SecretStore {
  let password = initial;
  const named = new Map<string, string>();
  return {
    getSecret: (name) => named.get(name) ?? null,
    setSecret: (name, value) => {
      if (value === null) named.delete(name);
      else named.set(name, value);
    },
    getSipPassword: () => password,
    setSipPassword: (value) => {
      password = value;
    },
  };
}
