/**
 * Dial rules: what the agent types (or clicks in a record) → the SIP request URI (pure).
 *
 * North American Numbering Plan handling for Québec: a 10-digit number, `1` + 10 digits or
 * `+1` + 10 digits is one national number; it is sent in the format the trunk expects
 * (`e164` `+15145551234`, `11` `15145551234` or `10` `5145551234`), preceded by the outside
 * line prefix if the PBX needs one (e.g. `9`). Other `+` numbers are international
 * (`011` + digits unless the trunk takes E.164). Short numbers are internal extensions and
 * get no prefix; N11 service numbers (911, 411…) do get the outside-line prefix.
 * Letters map to keypad digits (1-800-FLOWERS). A SIP URI (or `user@host`) is used as is.
 */
export interface DialRules {
  /** Domain of the request URI for numbers and extensions, e.g. `poste.test`. */
  domain: string;
  /** Outside-line prefix prepended to external numbers (e.g. `9`). Default none. */
  outsideLinePrefix?: string;
  /** Format of national numbers. Default `e164`. */
  nationalFormat?: 'e164' | '11' | '10';
  /** Numbers with at most this many digits are internal extensions. Default 6. */
  maxExtensionLength?: number;
  /** Short service numbers dialled as external. Default the N11 codes. */
  serviceNumbers?: readonly string[];
}

export type DialResult =
  | { ok: true; uri: string; dialed: string; kind: 'uri' | 'extension' | 'national' | 'international' | 'service' }
  | { ok: false; reason: 'empty' | 'invalid' };

const N11 = ['211', '311', '411', '511', '611', '711', '811', '911'];
const KEYPAD: Record<string, string> = {
  a: '2',
  b: '2',
  c: '2',
  d: '3',
  e: '3',
  f: '3',
  g: '4',
  h: '4',
  i: '4',
  j: '5',
  k: '5',
  l: '5',
  m: '6',
  n: '6',
  o: '6',
  p: '7',
  q: '7',
  r: '7',
  s: '7',
  t: '8',
  u: '8',
  v: '8',
  w: '9',
  x: '9',
  y: '9',
  z: '9',
};

/** Escapes a dial string for the user part of a SIP URI (`#` must be %23, RFC 3261 section 25.1). */
function userPart(dialed: string): string {
  return dialed.replace(/#/g, '%23');
}

/** Applies the dial rules to what was typed. */
export function applyDialRules(input: string, rules: DialRules): DialResult {
  const raw = input.trim();
  if (!raw) return { ok: false, reason: 'empty' };

  // SIP URIs pass through; `user@host` becomes a sip: URI.
  if (/^sips?:/i.test(raw)) {
    return /^sips?:[^\s@]+@[^\s@]+$/i.test(raw)
      ? { ok: true, uri: raw, dialed: raw, kind: 'uri' }
      : { ok: false, reason: 'invalid' };
  }
  if (/^[^\s@:]+@[^\s@]+$/.test(raw)) return { ok: true, uri: `sip:${raw}`, dialed: raw, kind: 'uri' };

  let s = raw.replace(/^(tel|callto):(\/\/)?/i, '');
  s = s.split(';')[0] ?? '';
  s = s.replace(/[\s().\-/]/g, '');
  if (!s) return { ok: false, reason: 'empty' };
  const plus = s.startsWith('+');
  if (plus) s = s.slice(1);
  s = s.replace(/[a-z]/gi, (ch) => KEYPAD[ch.toLowerCase()] ?? ch);
  if (!/^[0-9*#]+$/.test(s)) return { ok: false, reason: 'invalid' };

  const prefix = rules.outsideLinePrefix ?? '';
  const format = rules.nationalFormat ?? 'e164';
  const maxExt = rules.maxExtensionLength ?? 6;
  const services = rules.serviceNumbers ?? N11;
  const make = (dialed: string, kind: Extract<DialResult, { ok: true }>['kind']): DialResult => ({
    ok: true,
    dialed,
    kind,
    uri: `sip:${userPart(dialed)}@${rules.domain}`,
  });

  if (!plus && services.includes(s)) return make(prefix + s, 'service');
  if (!plus && s.length <= maxExt) return make(s, 'extension');
  if (/[*#]/.test(s)) return plus ? { ok: false, reason: 'invalid' } : make(s, 'extension');

  let national: string | undefined;
  if (plus && /^1\d{10}$/.test(s)) national = s.slice(1);
  else if (!plus && /^1\d{10}$/.test(s)) national = s.slice(1);
  else if (!plus && /^\d{10}$/.test(s)) national = s;
  if (national !== undefined) {
    // NANP: area code and exchange start with 2-9.
    if (!/^[2-9]\d{2}[2-9]\d{6}$/.test(national)) return { ok: false, reason: 'invalid' };
    const formatted = format === 'e164' ? `+1${national}` : format === '11' ? `1${national}` : national;
    return make(prefix + formatted, 'national');
  }
  if (plus) {
    if (s.length < 7 || s.length > 15) return { ok: false, reason: 'invalid' };
    return make(prefix + (format === 'e164' ? `+${s}` : `011${s}`), 'international');
  }
  if (s.startsWith('011') && s.length >= 10) {
    return make(prefix + (format === 'e164' ? `+${s.slice(3)}` : s), 'international');
  }
  return { ok: false, reason: 'invalid' };
}
