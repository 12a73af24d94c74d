import { normaliseEmail, parsePhone } from '../../../shared/phone/phone';

/**
 * Turns what an agent types into an FTS5 query over client_search. Every token becomes a
 * quoted prefix term (so typed quotes or operators cannot change the query's meaning);
 * something that reads as a phone number searches the phone tokens by its digits.
 * Returns null when there is nothing to search for.
 */
export function buildSearchQuery(typed: string): string | null {
  const text = typed.normalize('NFC').trim();
  if (text === '') return null;
  if (/^[\d\s().+\-/]+$/.test(text)) {
    const digits = text.replace(/\D/g, '');
    if (digits.length < 3) return null;
    const national = digits.length === 11 && digits.startsWith('1') ? digits.slice(1) : digits;
    return `phones : "${national}"*`;
  }
  const all = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
  // A lone letter ("Bélanger M") matches a twentieth of every name and has no prefix index:
  // it is kept only when it is all the agent typed.
  const tokens = all.length > 1 && all.some((t) => t.length > 1) ? all.filter((t) => t.length > 1) : all;
  if (tokens.length === 0) return null;
  return tokens.map((t) => `{name emails phones} : "${t}"*`).join(' AND ');
}

/** The exact keys a typed text may be: an E.164 number or an e-mail address. */
export function exactKeys(typed: string): { e164: string | null; email: string | null } {
  const phone = /\d{7,}/.test(typed.replace(/\D/g, '')) ? parsePhone(typed) : null;
  return { e164: phone?.ok ? phone.e164 : null, email: normaliseEmail(typed) };
}
