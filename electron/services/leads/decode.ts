import { importProblemText, type ImportProblemCode, type ImportProblemParams } from '../../../shared/domain/import-problems';
/**
 * Bytes → text for imported files. UTF-8 is read strictly (a byte that is not UTF-8 is
 * reported with its line, never turned into "�" silently); a byte-order mark is honoured;
 * Latin-1 and Windows-1252, the encodings Québec exports still come in, are read when the
 * file says so (XML declaration, MIME charset) or, for CSV, as the fallback.
 */

export class DecodeError extends Error {
  constructor(
    readonly code: ImportProblemCode,
    readonly params: ImportProblemParams,
    readonly line: number,
  ) {
    super(importProblemText(code, params));
    this.name = 'DecodeError';
  }
}

const LATIN = new Set(['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'l1', 'windows-1252', 'cp1252', 'us-ascii', 'ascii', 'iso-8859-15']);
const UTF8 = new Set(['utf-8', 'utf8']);

/** The TextDecoder label for a declared charset, or null when Poste does not read it. */
export function supportedCharset(declared: string): 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be' | null {
  const c = declared.trim().toLowerCase().replace(/^"|"$/g, '');
  if (UTF8.has(c)) return 'utf-8';
  if (LATIN.has(c)) return 'windows-1252';
  if (c === 'utf-16le' || c === 'utf-16') return 'utf-16le';
  if (c === 'utf-16be') return 'utf-16be';
  return null;
}

function lineOfByte(bytes: Uint8Array, at: number): number {
  let line = 1;
  for (let i = 0; i < at && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The offset of the first byte that breaks UTF-8, or -1. */
function firstBadUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    const extra = b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += extra + 1;
  }
  return -1;
}

/** Decodes strictly with `charset`; a UTF-8 error names its line and byte. */
export function decodeStrict(bytes: Uint8Array, charset: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be'): string {
  if (charset === 'utf-8') {
    try {
      return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    } catch {
      const at = firstBadUtf8(bytes);
      const byte = at >= 0 ? bytes[at]! : 0;
      const line = lineOfByte(bytes, Math.max(at, 0));
      throw new DecodeError('decode_bad_utf8', { byte: byte.toString(16).toUpperCase().padStart(2, '0'), at: line }, line);
    }
  }
  return new TextDecoder(charset, { fatal: charset !== 'windows-1252' }).decode(bytes);
}

/** The `encoding="…"` of an XML declaration at the start of the bytes, if any. */
export function declaredXmlEncoding(bytes: Uint8Array): string | null {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 512));
  const match = /<\?xml[^>]*?encoding\s*=?\s*["']?([A-Za-z0-9._-]+)/i.exec(head);
  return match?.[1] ?? null;
}

/** An XML file's text: BOM first, then the declared encoding, else strict UTF-8. */
export function decodeXmlBytes(bytes: Uint8Array): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decodeStrict(bytes.subarray(3), 'utf-8');
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decodeStrict(bytes.subarray(2), 'utf-16le');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decodeStrict(bytes.subarray(2), 'utf-16be');
  const declared = declaredXmlEncoding(bytes);
  if (declared) {
    const charset = supportedCharset(declared);
    if (!charset) throw new DecodeError('decode_unknown_charset', { value: declared.slice(0, 40) }, 1);
    return decodeStrict(bytes, charset === 'utf-16le' || charset === 'utf-16be' ? 'utf-8' : charset);
  }
  return decodeStrict(bytes, 'utf-8');
}

/** A CSV export's text: BOM → UTF-8; valid UTF-8 → UTF-8; else Windows-1252 (Excel's default here). */
export function decodeCsvBytes(bytes: Uint8Array): { text: string; encoding: 'utf-8' | 'windows-1252' } {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: decodeStrict(bytes.subarray(3), 'utf-8'), encoding: 'utf-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: decodeStrict(bytes.subarray(2), 'utf-16le'), encoding: 'utf-8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}
