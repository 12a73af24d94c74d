import { normaliseEmail, parsePhone } from '../../../shared/phone/phone';

/**
 * What an agent typed, as searches:
 * - `phone`: a number, typed any way (`(514) 555-0`, `1 514 555 0199`): its digits start one
 *   of the client's numbers (contactsRepo.searchPhones reads them from indexes);
 * - `text`: words over names and e-mails, as an FTS5 query where every token is a quoted
 *   prefix term (so typed quotes or operators cannot change the query's meaning). Three digits
 *   or more among words (« Tremblay 514 », « Roy 555 0199 ») may be part of an e-mail or start
 *   a number: `match` reads them as text, `words` + `phoneDigits` as a number.
 */
export type SearchPlan =
  { kind: 'phone'; digits: string } | { kind: 'text'; match: string; words: string | null; phoneDigits: string[] };

const FIELDS = '{name emails}';
const term = (token: string) => `${FIELDS} : "${token}"*`;

/** Returns null when there is nothing to search for. */
export function planSearch(typed: string): SearchPlan | null {
  const text = typed.normalize('NFC').trim();
  if (text === '') return null;
  if (/^[\d\s().+\-/]+$/.test(text)) {
    const digits = text.replace(/\D/g, '');
    return digits.length < 3 ? null : { kind: 'phone', digits };
  }
  // « O'Brien », « d’Amours »: one word, as the search row indexes it without its apostrophe
  // (migration 8); split at the apostrophe, « O'Brien » found every Brien.
  const all = text
    .replace(/(\p{L})['’](?=\p{L})/gu, '$1')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((t) => t.length > 0)
    .slice(0, 8);
  // A lone letter ("Bélanger M") matches a twentieth of every name and has no prefix index:
  // it is kept only when it is all the agent typed.
  const tokens = all.length > 1 && all.some((t) => t.length > 1) ? all.filter((t) => t.length > 1) : all;
  if (tokens.length === 0) return null;
  // Digit groups side by side (« 555 0199 », « 514-555-0199 ») are one number.
  const words: string[] = [];
  const numbers: string[] = [];
  let run = '';
  for (const t of [...tokens, '']) {
    if (/^\d+$/.test(t)) run += t;
    else {
      if (run.length >= 3) numbers.push(run);
      else if (run) words.push(run);
      run = '';
      if (t) words.push(t);
    }
  }
  // Digits with only punctuation about them (« 514 555 0199 # ») are a number after all.
  if (words.length === 0) return { kind: 'phone', digits: numbers.join('') };
  return {
    kind: 'text',
    match: tokens.map(term).join(' AND '),
    words: numbers.length > 0 ? words.map(term).join(' AND ') : null,
    phoneDigits: numbers,
  };
}

/** The exact keys a typed text may be: an E.164 number or an e-mail address. */
export function exactKeys(typed: string): { e164: string | null; email: string | null } {
  const phone = /\d{7,}/.test(typed.replace(/\D/g, '')) ? parsePhone(typed) : null;
  return { e164: phone?.ok ? phone.e164 : null, email: normaliseEmail(typed) };
}
