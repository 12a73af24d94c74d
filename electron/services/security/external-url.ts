/**
 * The only URLs Poste hands to the operating system (shell.openExternal): mailto: for the
 * Email and Rediriger actions, tel: for the phone, https: for help pages. Anything else —
 * javascript:, file:, data:, smb:, custom schemes, credentials in the URL — is refused.
 */
const ALLOWED = new Set(['mailto:', 'tel:', 'https:']);

/** What a mailto: may carry; `attach=` and friends make some mail programs attach local files. */
const MAILTO_FIELDS = new Set(['subject', 'body', 'cc', 'bcc', 'to']);

/** Bidirectional overrides and zero-width characters: they make a link read as another. */
/** C0 controls and DEL (written as a function: a regex literal of them trips no-control-regex). */
function hasControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 || code === 0x7f) return true;
  }
  return false;
}

const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

export function isSafeExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return false;
  // Control characters and whitespace tricks ("java\tscript:") never belong in a URL we open.
  if (hasControl(raw) || /\s/.test(raw.replace(/%20/g, '')) || INVISIBLE.test(raw)) return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return false;
  }
  // Encoded control characters (%0A, %00) or invisible ones are refused as well.
  if (hasControl(decoded) || INVISIBLE.test(decoded)) return false;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (!ALLOWED.has(url.protocol)) return false;
  if (url.protocol === 'https:') {
    if (url.username || url.password) return false;
    // The authority as typed: no escapes, no user info, no look-alike (IDN) host names.
    const authority = /^https:\/\/([^/?#]*)/i.exec(raw)?.[1] ?? '';
    if (!url.hostname || /[%@\\]/.test(authority) || !/^[\x21-\x7e]+$/.test(authority)) return false;
    if (url.hostname.split('.').some((label) => label.startsWith('xn--'))) return false;
    if (url.port && url.port !== '443') return false;
    // The host as typed must be the host the parser kept: no 0x7f.1, no IP literals.
    if (authority.toLowerCase().replace(/:443$/, '') !== url.hostname) return false;
    if (/^[\d.]+$/.test(url.hostname) || url.hostname.startsWith('[')) return false;
  }
  if (url.protocol === 'mailto:') {
    for (const key of url.searchParams.keys()) if (!MAILTO_FIELDS.has(key.toLowerCase())) return false;
  }
  if (url.protocol === 'tel:' && !/^tel:\+?[0-9().\- ]{3,32}(;ext=\d{1,6})?$/.test(decoded)) return false;
  return true;
}
