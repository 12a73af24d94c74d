import { parsePhoneNumberWithError, ParseError, type CountryCode } from 'libphonenumber-js/min';

/** Default region for numbers typed without a country code: the centre is in Québec. */
export const DEFAULT_REGION: CountryCode = 'CA';

export type PhoneParse =
  | { ok: true; e164: string; national: string; digits: string }
  | { ok: false; reason: string };

/**
 * Normalises a phone number typed in any format ("(514) 555-0199", "514.555.0199",
 * "+1 514 555 0199", "1-514-555-0199") to E.164. A number that cannot be a real number
 * of its region is refused with the reason, in English (the UI translates the code).
 */
export function parsePhone(input: string, region: CountryCode = DEFAULT_REGION): PhoneParse {
  // libphonenumber takes tens of microseconds a parse, and the same few numbers are read
  // again and again (a ring's caller, the record's phones): answers are remembered.
  const key = `${region}|${input}`;
  const known = parsed.get(key);
  if (known) return known;
  const result = parseUncached(input, region);
  if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value as string);
  parsed.set(key, result);
  return result;
}

/** Recent answers of {@link parsePhone}, oldest first (a Map keeps insertion order). */
const parsed = new Map<string, Readonly<PhoneParse>>();
const PARSED_MAX = 500;

function parseUncached(input: string, region: CountryCode): PhoneParse {
  const trimmed = input.trim();
  if (trimmed === '') return { ok: false, reason: 'empty phone number' };
  if (trimmed.length > 40) return { ok: false, reason: 'phone number too long' };
  if (!/^[+\d\s().\-/x#*]+$/i.test(trimmed)) {
    return { ok: false, reason: `phone number has characters that are not digits: "${trimmed}"` };
  }
  try {
    const parsed = parsePhoneNumberWithError(trimmed, region);
    if (!parsed.isPossible()) {
      return { ok: false, reason: `not a possible phone number: "${trimmed}"` };
    }
    return {
      ok: true,
      e164: parsed.number,
      national: parsed.formatNational(),
      digits: parsed.nationalNumber,
    };
  } catch (error) {
    const why = error instanceof ParseError ? error.message.toLowerCase().replaceAll('_', ' ') : 'unparsable';
    return { ok: false, reason: `cannot read phone number "${trimmed}": ${why}` };
  }
}

/** E.164 or throws with the reason; for trusted call sites (imports report, not throw). */
export function toE164(input: string, region: CountryCode = DEFAULT_REGION): string {
  const result = parsePhone(input, region);
  if (!result.ok) throw new Error(result.reason);
  return result.e164;
}

/** Formats a stored E.164 number the way a Québec agent reads it: (514) 555-0199. */
export function formatPhone(e164: string): string {
  const result = parsePhone(e164);
  return result.ok ? result.national : e164;
}

/** Lower-cases and trims an e-mail address; returns null when it is not one. */
export function normaliseEmail(input: string): string | null {
  const email = input.trim().toLowerCase();
  if (email.length > 254) return null;
  return /^[^\s@<>"',;]+@[^\s@<>"',;]+\.[a-z]{2,}$/.test(email) ? email : null;
}
