import type { Language, LeadType, PhoneKind } from '../../../shared/domain/model';
import { parsePhone } from '../../../shared/phone/phone';
import { importProblemText, type ImportProblemCode, type ImportProblemParams } from '../../../shared/domain/import-problems';

/** One lead read from a file, validated and normalised, ready for the importer. */
export interface LeadInput {
  /** Where it came from in its file, for reports: `adf/prospect[2]` or `line 14`. */
  where: string;
  line: number;
  type: LeadType;
  provider: string | null;
  /** The provider's own id of the lead (ADF prospect id): re-importing it changes nothing. */
  providerRef: string | null;
  firstName: string;
  lastName: string;
  language: Language;
  phones: { e164: string; kind: PhoneKind; smsCapable: boolean }[];
  emails: string[];
  /** ISO 8601 UTC; when the lead was made (ADF requestdate), never after the import. */
  createdAt: string;
  message: string | null;
  vehicle: {
    year: number | null;
    make: string | null;
    model: string | null;
    trim: string | null;
    stock: string | null;
    vin: string | null;
  } | null;
  tradeIn: string | null;
}

/**
 * A problem found in a file: where (element path, and line) and what, as a code with its
 * values (shown in the agent's language) and in English (logs, the batch history).
 */
export interface ImportProblem {
  path: string;
  /** From 1; 0 when the problem is the whole file's (no element, an unusable mapping). */
  line: number;
  message: string;
  code?: ImportProblemCode;
  params?: ImportProblemParams;
}

/**
 * A number or an address that could not be read: it refuses the lead when the lead has no
 * other way to reach the client, else it is skipped with a warning (ADF and CSV alike).
 */
export function unreadableMeans(kind: 'phone' | 'email', skipped: boolean): ImportProblemCode {
  if (kind === 'phone') return skipped ? 'bad_phone_skipped' : 'bad_phone';
  return skipped ? 'bad_email_skipped' : 'bad_email';
}

/** A problem by its code (shared/domain/import-problems.ts), its English text filled in. */
export function importProblem(path: string, line: number, code: ImportProblemCode, params?: ImportProblemParams): ImportProblem {
  return { path, line, message: importProblemText(code, params), code, ...(params ? { params } : {}) };
}

/** `adf/prospect (line 3): `, `(line 3): `, or nothing for a problem of the whole file. */
function whereOf(problem: ImportProblem): string {
  const line = problem.line > 0 ? `(line ${problem.line})` : '';
  return [problem.path, line].filter(Boolean).join(' ') + (problem.path || line ? ': ' : '');
}

/** A file refused as a whole: nothing of it is written. */
export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems[0] ? `${whereOf(problems[0])}${problems[0].message}` : 'import refused');
    this.name = 'ImportError';
  }
}

/**
 * E.164 for a North American number written the usual ways, without the cost of the full
 * parser (imports read tens of thousands); anything else goes through parsePhone.
 */
export function fastE164(input: string): string | null {
  const trimmed = input.trim();
  if (/^\+?[\d\s().\-/]{10,20}$/.test(trimmed)) {
    const digits = trimmed.replace(/\D/g, '');
    const national = digits.length === 11 && digits[0] === '1' ? digits.slice(1) : digits.length === 10 && trimmed[0] !== '+' ? digits : null;
    // NANP: area code and exchange start with 2–9.
    if (national && /^[2-9]\d{2}[2-9]\d{6}$/.test(national)) return `+1${national}`;
  }
  const parsed = parsePhone(trimmed);
  return parsed.ok ? parsed.e164 : null;
}

/** Names as people write them; capped and cleaned of control characters. */
export function cleanName(value: string | null | undefined, max = 80): string {
  return (value ?? '')
    .replace(/[\p{Cc}\p{Cf}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, max);
}

/** Free text (messages, comments): control characters other than new lines dropped, capped. */
export function cleanText(value: string | null | undefined, max = 4000): string | null {
  if (!value) return null;
  const text = value
    .replace(/\r\n?/g, '\n')
    // Control characters other than tab and new line (C0 and DEL): never shown, never stored.
    .replace(/\p{Cc}/gu, (c) => (c === '\n' || c === '\t' ? c : ''))
    .trim()
    .slice(0, max);
  return text === '' ? null : text;
}

/** `fr`/`en` from what providers write (fr, FR-CA, French, Français, anglais…); null if unknown. */
export function readLanguage(value: string | null | undefined): Language | null {
  const v = (value ?? '').trim().toLowerCase();
  if (/^(fr|fra|fre|french|fran[cç]ais|francais)([-_].*)?$/.test(v)) return 'fr';
  if (/^(en|eng|english|anglais)([-_].*)?$/.test(v)) return 'en';
  return null;
}

/**
 * An instant from what lead sources write: ISO 8601 with or without offset or `T`
 * (`2026-03-09 10:22:00` is read in the centre's time zone), or a bare date.
 */
export function readInstant(value: string | null, zoneOffsetMinutes: (ms: number) => number): number | null {
  if (!value) return null;
  const v = value.trim();
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(v);
  if (!m) return null;
  const [, y, mo, d, h = '00', mi = '00', s = '00', zone] = m;
  const asUtc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(asUtc) || Number(mo) < 1 || Number(mo) > 12 || Number(d) < 1 || Number(d) > 31 || Number(h) > 23 || Number(mi) > 59) return null;
  if (zone) {
    if (zone.toUpperCase() === 'Z') return asUtc;
    const sign = zone[0] === '-' ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    return asUtc - sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  // Local wall time in the centre's zone: subtract the zone's offset at (about) that instant.
  return asUtc - zoneOffsetMinutes(asUtc) * 60_000;
}
