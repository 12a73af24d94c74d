/**
 * `mailto:` URIs (RFC 6068). Addresses go in the path, comma-separated; `subject` and `body`
 * are header fields, percent-encoded as UTF-8; line breaks in the body are CRLF (%0D%0A),
 * as RFC 6068 §5 asks.
 */
export interface MailtoParts {
  to: readonly string[];
  subject?: string;
  body?: string;
  cc?: readonly string[];
}

/** Percent-encodes an addr-spec, keeping the `@` readable (RFC 6068 §2: `%`, `?`, `#`… must be encoded). */
function encodeAddress(address: string): string {
  return address
    .trim()
    .split('@')
    .map((part) => encodeURIComponent(part))
    .join('@');
}

export function buildMailto(parts: MailtoParts): string {
  const to = parts.to.map(encodeAddress).join(',');
  const fields: string[] = [];
  if (parts.cc && parts.cc.length > 0) fields.push(`cc=${parts.cc.map(encodeAddress).join(',')}`);
  if (parts.subject !== undefined) fields.push(`subject=${encodeURIComponent(parts.subject)}`);
  if (parts.body !== undefined) {
    fields.push(`body=${encodeURIComponent(parts.body.replace(/\r\n|\r|\n/g, '\r\n'))}`);
  }
  return `mailto:${to}${fields.length > 0 ? `?${fields.join('&')}` : ''}`;
}

/** A plausible single e-mail address (what AUTRE accepts): local@domain.tld, no spaces or commas. */
export function isEmailAddress(value: string): boolean {
  return value.length <= 254 && /^[^\s@,;<>()"]+@[^\s@,;<>()"]+\.[^\s@,;<>()".]{2,}$/.test(value);
}
