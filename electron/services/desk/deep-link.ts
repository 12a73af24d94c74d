import type { DeepLink } from '../../../shared/ipc/contract-desk';
import { idSchema } from '../../../shared/ipc/dto';

/**
 * Links other programs hand to Poste (macOS `open-url`, a second instance's argv):
 *
 * | link                                  | becomes                          |
 * |---------------------------------------|----------------------------------|
 * | `tel:+1-514-555-0199`, `tel:5145550199` | dial `+15145550199` / `5145550199` |
 * | `callto:+15145550199`, `callto://…`   | dial the number                  |
 * | `sip:julie@pbx.example.ca`, `sips:…`  | dial the SIP URI                 |
 * | `poste://contact/{id}`                | open that client's record        |
 *
 * Anything odd is refused (null): other schemes, parameters and headers (`;phone-context=`,
 * `?subject=`), passwords in a SIP URI, star and hash codes (a link must not be able to
 * dial `*72…` and forward the agent's line), control characters, over-long input. A dial
 * link fills the dial pad; the agent still presses Call.
 */
const MAX_LENGTH = 512;

function phoneNumber(raw: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  // RFC 3966 visual separators only; anything else (';', '*', '#', letters) is refused.
  if (!/^\+?[0-9 ().-]+$/.test(decoded)) return null;
  const plus = decoded.startsWith('+');
  const digits = decoded.replace(/[^0-9]/g, '');
  if (digits.length < 3 || digits.length > 15) return null;
  return `${plus ? '+' : ''}${digits}`;
}

function sipUri(scheme: 'sip' | 'sips', rest: string): string | null {
  const m = /^([A-Za-z0-9._~+-]{1,64})@([A-Za-z0-9.-]{1,253})(:\d{1,5})?$/.exec(rest);
  if (!m) return null;
  const host = m[2]!.toLowerCase();
  if (host.startsWith('.') || host.endsWith('.') || host.includes('..') || host.startsWith('-')) return null;
  const port = m[3] ? Number(m[3].slice(1)) : null;
  if (port !== null && (port < 1 || port > 65535)) return null;
  return `${scheme}:${m[1]}@${host}${port !== null ? `:${port}` : ''}`;
}

export function parseDeepLink(raw: unknown): DeepLink | null {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return null;
  for (let i = 0; i < raw.length; i++) {
    const code = raw.charCodeAt(i);
    // Control characters (C0, DEL, C1) never belong in a link.
    if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return null;
  }
  if (/[\s\\]/.test(raw)) return null;
  const colon = raw.indexOf(':');
  if (colon < 1) return null;
  const scheme = raw.slice(0, colon).toLowerCase();
  const rest = raw.slice(colon + 1);
  switch (scheme) {
    case 'tel': {
      const number = phoneNumber(rest);
      return number ? { kind: 'dial', value: number } : null;
    }
    case 'callto': {
      const number = phoneNumber(rest.startsWith('//') ? rest.slice(2).replace(/\/$/, '') : rest);
      return number ? { kind: 'dial', value: number } : null;
    }
    case 'sip':
    case 'sips': {
      const uri = sipUri(scheme, rest);
      return uri ? { kind: 'dial', value: uri } : null;
    }
    case 'poste': {
      const m = /^\/\/contact\/([^/?#]+)\/?$/i.exec(rest);
      if (!m || !/^\/\/contact\//.test(rest)) return null;
      const id = idSchema.safeParse(m[1]);
      return id.success ? { kind: 'record', value: id.data } : null;
    }
    default:
      return null;
  }
}

/** The first argument that is a link we accept (second-instance argv on Windows and Linux). */
export function deepLinkFromArgv(argv: readonly unknown[]): DeepLink | null {
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.startsWith('-')) continue;
    const link = parseDeepLink(arg);
    if (link) return link;
  }
  return null;
}

/** The schemes Poste registers with the OS (Info.plist CFBundleURLTypes and setAsDefaultProtocolClient). */
export const LINK_SCHEMES = ['poste', 'tel', 'callto', 'sip'] as const;
