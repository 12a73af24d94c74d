/** Validation of the SIP account before anything connects. */
import type { SoftphoneAccount } from './types';

export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

const LOOPBACK = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

/** True for hosts that never leave the machine. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK.test(host);
}

/**
 * Checks the account; throws {@link AccountError} with a message fit for the settings screen.
 * `ws://` is refused except on loopback: SIP over plain WebSocket would expose the digest
 * exchange and every call's signalling (RFC 7118 section 5 recommends WSS).
 */
export function validateAccount(account: SoftphoneAccount): { host: string; user: string; domain: string } {
  let url: URL;
  try {
    url = new URL(account.server);
  } catch {
    throw new AccountError(
      `The server address "${account.server}" is not a valid URL (expected wss://host[:port][/path]).`,
    );
  }
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:') {
    throw new AccountError(`The server must be a WebSocket URL (wss://…), not ${url.protocol}//.`);
  }
  if (url.protocol === 'ws:' && !isLoopbackHost(url.hostname)) {
    throw new AccountError(
      `Unencrypted ws:// is only allowed for this computer (127.0.0.1/localhost); use wss://${url.host}${url.pathname === '/' ? '' : url.pathname}.`,
    );
  }
  const m = /^sips?:([^@\s;]+)@([^\s;>]+)$/i.exec(account.uri.trim());
  if (!m) {
    throw new AccountError(`The SIP address "${account.uri}" is not valid (expected sip:user@domain).`);
  }
  return { host: url.hostname, user: m[1] as string, domain: m[2] as string };
}
