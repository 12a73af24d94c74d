/**
 * Caller identification from SIP headers (pure).
 *
 * The number the screen-pop looks up comes from P-Asserted-Identity when the server asserts
 * one (RFC 3325 section 9.1: the identity the trusted network vouches for), else from the
 * From header (RFC 3261 section 20.20). We keep the user part of a sip:/sips: URI or the
 * number of a tel: URI (RFC 3966), and the display name (quoted or token form,
 * RFC 3261 section 25.1 `display-name`).
 */
export interface CallerId {
  /** User part / telephone number, unescaped (e.g. `+15145551234`, `agent`). Empty if none. */
  number: string;
  /** Display name if any (from P-Asserted-Identity, else From). */
  name?: string;
  /** The URI it came from, without parameters. */
  uri: string;
  /** Which header supplied the number. */
  source: 'p-asserted-identity' | 'from';
}

export interface ParsedNameAddr {
  name?: string;
  uri: string;
  number: string;
}

/** Splits a header value on commas that are outside quotes and angle brackets. */
function splitHeaderValues(value: string): string[] {
  const out: string[] = [];
  let cur = '';
  let inQuote = false;
  let inAngle = false;
  for (let i = 0; i < value.length; i++) {
    const ch = value[i] as string;
    if (ch === '\\' && inQuote) {
      cur += ch + (value[i + 1] ?? '');
      i++;
      continue;
    }
    if (ch === '"') inQuote = !inQuote;
    else if (!inQuote && ch === '<') inAngle = true;
    else if (!inQuote && ch === '>') inAngle = false;
    if (ch === ',' && !inQuote && !inAngle) {
      out.push(cur);
      cur = '';
      continue;
    }
    cur += ch;
  }
  out.push(cur);
  return out.map((s) => s.trim()).filter((s) => s.length > 0);
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Number part of a URI: user part of sip:/sips:, subscriber of tel:. */
export function uriNumber(uri: string): string {
  const m = /^(sips?|tel):(.*)$/i.exec(uri.trim());
  if (!m) return '';
  const scheme = (m[1] as string).toLowerCase();
  const rest = m[2] as string;
  if (scheme === 'tel') {
    return safeDecode(rest.split(';')[0] ?? '').replace(/[\s().-]/g, '');
  }
  const at = rest.lastIndexOf('@');
  if (at < 0) return '';
  // user part may carry ";user=phone"-style parameters before '@' (RFC 3261 section 19.1.1)
  const user = rest.slice(0, at).split(';')[0] ?? '';
  return safeDecode(user.split(':')[0] ?? '');
}

/** Parses one `name-addr` / `addr-spec` value (header parameters are dropped). */
export function parseNameAddr(value: string): ParsedNameAddr | undefined {
  const v = value.trim();
  if (!v) return undefined;
  let name: string | undefined;
  let uri: string;
  const lt = (() => {
    // find '<' outside quotes
    let inQuote = false;
    for (let i = 0; i < v.length; i++) {
      const ch = v[i];
      if (ch === '\\' && inQuote) {
        i++;
        continue;
      }
      if (ch === '"') inQuote = !inQuote;
      if (ch === '<' && !inQuote) return i;
    }
    return -1;
  })();
  if (lt >= 0) {
    const gt = v.indexOf('>', lt);
    if (gt < 0) return undefined;
    uri = v.slice(lt + 1, gt).trim();
    const rawName = v.slice(0, lt).trim();
    if (rawName.startsWith('"') && rawName.endsWith('"') && rawName.length >= 2) {
      name = rawName.slice(1, -1).replace(/\\(.)/g, '$1');
    } else if (rawName) {
      name = rawName.replace(/\s+/g, ' ');
    }
  } else {
    // addr-spec form: header params follow ';' and belong to the header, not the URI
    uri = (v.split(';')[0] ?? '').trim();
  }
  if (!/^(sips?|tel):/i.test(uri)) return undefined;
  const bareUri = uri.split('?')[0] ?? uri;
  const schemeEnd = bareUri.indexOf(':');
  const scheme = bareUri.slice(0, schemeEnd).toLowerCase();
  // keep sip:user@host, drop URI parameters (";transport=ws", ";user=phone")
  let cleanUri: string;
  if (scheme === 'tel') cleanUri = `tel:${uriNumber(bareUri)}`;
  else {
    const at = bareUri.lastIndexOf('@');
    const host =
      at >= 0 ? (bareUri.slice(at + 1).split(';')[0] ?? '') : (bareUri.slice(schemeEnd + 1).split(';')[0] ?? '');
    const user = at >= 0 ? (bareUri.slice(schemeEnd + 1, at).split(';')[0] ?? '') : '';
    cleanUri = `${scheme}:${user ? `${user}@` : ''}${host}`;
  }
  const result: ParsedNameAddr = { uri: cleanUri, number: uriNumber(bareUri) };
  if (name) result.name = name;
  return result;
}

/**
 * Caller id of an incoming INVITE.
 * @param headers - raw header values: `pAssertedIdentity` (may hold a sip and a tel URI,
 *   comma-separated or as several headers) and `from`.
 */
export function extractCallerId(headers: { pAssertedIdentity?: string | string[]; from: string }): CallerId {
  const from = parseNameAddr(headers.from);
  const paiValues = ([] as string[])
    .concat(headers.pAssertedIdentity ?? [])
    .flatMap((h) => splitHeaderValues(h))
    .map(parseNameAddr)
    .filter((p): p is ParsedNameAddr => p !== undefined && p.number !== '');
  // Prefer a tel: identity (it is the E.164 number) when both a sip: and a tel: are asserted.
  const pai = paiValues.find((p) => p.uri.startsWith('tel:')) ?? paiValues[0];
  if (pai) {
    const named = paiValues.find((p) => p.name)?.name ?? from?.name;
    const id: CallerId = { number: pai.number, uri: pai.uri, source: 'p-asserted-identity' };
    if (named) id.name = named;
    return id;
  }
  const id: CallerId = { number: from?.number ?? '', uri: from?.uri ?? '', source: 'from' };
  if (from?.name) id.name = from.name;
  return id;
}
