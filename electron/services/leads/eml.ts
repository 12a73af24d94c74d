import { importProblemText, type ImportProblemCode, type ImportProblemParams } from '../../../shared/domain/import-problems';
import { DecodeError, decodeStrict, supportedCharset } from './decode';

/**
 * Most leads arrive as e-mails whose body carries the ADF/XML. This reads an RFC 5322 /
 * MIME message (multipart or not), decodes each leaf part (quoted-printable, base64, 7/8bit)
 * with its charset, and returns the text of the first part that holds `<?adf` or `<adf>`,
 * cut to the XML itself (providers add a banner before it and a signature after it).
 */

export class EmlError extends Error {
  constructor(
    readonly code: ImportProblemCode,
    readonly params: ImportProblemParams = {},
  ) {
    super(importProblemText(code, params));
    this.name = 'EmlError';
  }
}

interface Part {
  headers: Map<string, string>;
  body: string; // raw bytes as a binary (latin1) string
}

const MAX_PARTS = 64;
const MAX_DEPTH = 8;

function binary(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

function splitHeaders(raw: string): Part {
  const bare = /^\r?\n/.exec(raw);
  if (bare) return { headers: new Map(), body: raw.slice(bare[0].length) };
  const match = /\r?\n\r?\n/.exec(raw);
  const head = match ? raw.slice(0, match.index) : raw;
  const body = match ? raw.slice(match.index + match[0].length) : '';
  const headers = new Map<string, string>();
  // Unfold (RFC 5322 §2.2.3): a line starting with white space continues the previous one.
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

/** A header parameter (`boundary`, `charset`), quoted or not. */
function param(header: string | undefined, name: string): string | null {
  if (!header) return null;
  const match = new RegExp(`(?:^|;)\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  return match ? (match[1] ?? match[2] ?? null) : null;
}

function decodeQuotedPrintable(body: string): Uint8Array {
  const soft = body.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i++) {
    const c = soft.charCodeAt(i);
    if (c === 61 /* = */ && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      out.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else out.push(c & 0xff);
  }
  return Uint8Array.from(out);
}

function decodeBody(part: Part): Uint8Array {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase().trim();
  if (encoding === 'base64') {
    const clean = part.body.replace(/[^A-Za-z0-9+/=]/g, '');
    return new Uint8Array(Buffer.from(clean, 'base64'));
  }
  if (encoding === 'quoted-printable') return decodeQuotedPrintable(part.body);
  return new Uint8Array(Buffer.from(part.body, 'latin1'));
}

function leaves(part: Part, depth: number, out: Part[]): void {
  if (out.length > MAX_PARTS) throw new EmlError('eml_too_many_parts', { max: MAX_PARTS });
  const type = part.headers.get('content-type') ?? 'text/plain';
  if (/^multipart\//i.test(type)) {
    if (depth >= MAX_DEPTH) throw new EmlError('eml_too_deep');
    const boundary = param(type, 'boundary');
    if (!boundary) throw new EmlError('eml_no_boundary');
    const delimiter = `--${boundary}`;
    const inner: string[] = [];
    let current: string[] | null = null;
    for (const line of part.body.split('\n')) {
      const bare = line.replace(/\r$/, '').trimEnd();
      if (bare === delimiter || bare === `${delimiter}--`) {
        if (current) inner.push(current.join('\n'));
        current = bare === delimiter ? [] : null;
        if (bare !== delimiter) break;
        continue;
      }
      current?.push(line);
    }
    if (current) inner.push(current.join('\n'));
    for (const section of inner) leaves(splitHeaders(section), depth + 1, out);
    return;
  }
  if (/^message\/rfc822/i.test(type)) {
    leaves(splitHeaders(binary(decodeBody(part))), depth + 1, out);
    return;
  }
  out.push(part);
}

const ADF_START = /<\?adf|<adf[\s>]|&lt;\?adf|&lt;adf(\s|&gt;)/i;
/** An ADF shown as text in an HTML mail (a CRM's « voir le lead » or a forward): `&lt;adf&gt;`. */
const ESCAPED_ADF = /&lt;\?adf|&lt;adf(\s|&gt;)/i;
const NAMED: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ' };

/**
 * The text of an HTML body whose ADF is escaped: the HTML's own tags dropped (line breaks
 * kept), then its entities decoded once, so `&amp;amp;` in the mail is `&amp;` in the XML.
 */
export function unescapeHtmlAdf(html: string): string {
  const text = html.replace(/<br\s*\/?>|<\/(p|div|pre|tr)>/gi, '\n').replace(/<[^>]*>/g, '');
  return text.replace(/&(#\d{1,7}|#x[0-9a-f]{1,6}|[a-z]{2,6});/gi, (entity, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : entity;
    }
    return NAMED[body.toLowerCase()] ?? entity;
  });
}

/** Cuts a body to its XML: from `<?xml`/`<?adf`/`<adf` to the last `</adf>`. */
export function cutToAdf(text: string): string {
  const start = text.search(/<\?xml|<\?adf|<adf[\s>]/i);
  if (start < 0) return text;
  const lower = text.toLowerCase();
  const end = lower.lastIndexOf('</adf');
  if (end < 0) return text.slice(start);
  const close = text.indexOf('>', end);
  return text.slice(start, close < 0 ? undefined : close + 1);
}

/**
 * The ADF/XML carried by an e-mail, as text. Throws EmlError when no part carries one, and
 * DecodeError when the part's bytes do not match its charset.
 */
export function extractAdfFromEml(bytes: Uint8Array): string {
  const message = splitHeaders(binary(bytes));
  if (message.headers.size === 0) throw new EmlError('eml_no_headers');
  const parts: Part[] = [];
  leaves(message, 0, parts);
  for (const part of parts) {
    const type = (part.headers.get('content-type') ?? 'text/plain').toLowerCase();
    const declared = param(type, 'charset');
    const charset = declared ? supportedCharset(declared) : 'utf-8';
    if (!charset) throw new DecodeError('eml_unknown_charset', { value: declared?.slice(0, 40) ?? '' }, 1);
    const raw = decodeBody(part);
    // A quick byte-level look first: only a part that mentions adf is decoded strictly.
    const peek = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('latin1');
    if (!ADF_START.test(peek)) continue;
    let text = decodeStrict(raw, charset);
    if (!/<\?adf|<adf[\s>]/i.test(text) && ESCAPED_ADF.test(text)) return cutToAdf(unescapeHtmlAdf(text));
    if (/^text\/html/.test(type) && !/<adf[\s>]/i.test(text.replace(/<\/?(html|body|pre|div|p|br)[^>]*>/gi, ''))) continue;
    if (/^text\/html/.test(type)) text = text.replace(/<\/?(html|head|body|pre|div|p|br)[^>]*>/gi, '');
    return cutToAdf(text);
  }
  throw new EmlError('eml_no_adf');
}

/** True when the bytes look like an e-mail (headers first) rather than bare XML. */
export function looksLikeEml(bytes: Uint8Array): boolean {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.byteLength, 2048)).toString('latin1').replace(/^\uFEFF/, '');
  if (/^\s*</.test(head)) return false;
  return /^(from|to|subject|date|received|return-path|mime-version|content-type|message-id|delivered-to|x-[\w-]+):/im.test(head);
}
