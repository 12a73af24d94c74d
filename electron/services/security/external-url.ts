/**
 * The only URLs Poste hands to the operating system (shell.openExternal): mailto: for the
 * Email and Rediriger actions, tel: for the phone, https: for help pages. Anything else —
 * javascript:, file:, data:, smb:, custom schemes, credentials in the URL — is refused.
 */
const ALLOWED = new Set(['mailto:', 'tel:', 'https:']);

export function isSafeExternalUrl(raw: unknown): boolean {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > 8192) return false;
  // Control characters and whitespace tricks ("java\tscript:") never belong in a URL we open.
  if (/[\u0000-\u001f\u007f\s]/.test(raw.replace(/%20/g, ''))) return false;
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
  }
  if (url.protocol === 'tel:' && !/^tel:\+?[0-9().\- ]{3,32}(;ext=\d{1,6})?$/.test(decodeURIComponent(raw))) return false;
  return true;
}
