/** Small composers shared by the random clients and the scenarios: VINs, subjects, notes. */
import type { MeetingKind } from '../../../shared/domain/model';
import type { Prng } from './prng';

/** VIN characters: digits and capitals without I, O and Q (ISO 3779). */
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
const VIN_WEIGHTS = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];
const VIN_YEARS = 'ABCDEFGHJKLMNPRSTVWXY123456789'; // 2010 = A, 30-year cycle

/** ISO 3779 transliteration of letters for the check digit. */
const VIN_LETTER_VALUES: Record<string, number> = {
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  E: 5,
  F: 6,
  G: 7,
  H: 8,
  J: 1,
  K: 2,
  L: 3,
  M: 4,
  N: 5,
  P: 7,
  R: 9,
  S: 2,
  T: 3,
  U: 4,
  V: 5,
  W: 6,
  X: 7,
  Y: 8,
  Z: 9,
};

function vinValue(c: string): number {
  return c >= '0' && c <= '9' ? c.charCodeAt(0) - 48 : (VIN_LETTER_VALUES[c] ?? 0);
}

/** A 17-character VIN with the maker's WMI, the model-year code and a correct check digit. */
export function makeVin(rng: Prng, wmi: string, year: number): string {
  let body = wmi;
  for (let i = 0; i < 5; i++) body += VIN_CHARS.charAt(rng.int(0, VIN_CHARS.length - 1));
  const yearCode = VIN_YEARS.charAt((((year - 2010) % 30) + 30) % 30);
  let tail = yearCode + VIN_CHARS.charAt(rng.int(0, 22));
  for (let i = 0; i < 6; i++) tail += String(rng.int(0, 9));
  const draft = `${body}0${tail}`;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += vinValue(draft.charAt(i)) * (VIN_WEIGHTS[i] as number);
  const check = sum % 11;
  return `${body}${check === 10 ? 'X' : String(check)}${tail}`;
}

/** True when a VIN is 17 allowed characters and its check digit (position 9) is right. */
export function isValidVin(vin: string): boolean {
  if (!/^[A-HJ-NPR-Z0-9]{17}$/.test(vin)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += vinValue(vin.charAt(i)) * (VIN_WEIGHTS[i] as number);
  const check = sum % 11;
  return vin.charAt(8) === (check === 10 ? 'X' : String(check));
}

/** A stock number such as `S12345`. */
export function makeStock(rng: Prng): string {
  return `S${rng.int(10000, 99999)}`;
}

/** MT-1: the meeting subject, first name upper-cased (French upper-casing keeps accents). */
export function meetingSubject(kind: MeetingKind, firstName: string, stock: string | null): string {
  const name = firstName.toLocaleUpperCase('fr-CA');
  const s = stock ?? 'INVENTAIRE';
  switch (kind) {
    case 'inventory':
      return `${name} / INVENTAIRE`;
    case 'stock':
      return `${name} / ${s}`;
    case 'deposit':
      return `DÉPÔT / ${name} / ${s}`;
    case 'virtual':
      return `VIRTUEL / ${name} / ${s}`;
    case 'transfer':
      return `TRANSFERT / ${name} / ${s}`;
  }
}

/** MT-2: the tag a meeting gives its OPP; no meeting → bronze (assumption in rules.md). */
export function tagFor(kind: MeetingKind | null): 'platine' | 'or' | 'argent' | 'bronze' {
  if (kind === null) return 'bronze';
  if (kind === 'deposit') return 'platine';
  if (kind === 'inventory') return 'argent';
  return 'or';
}

/** FU-2: `PDR J{day} R{round}` plus ` + TEXTO` when a text went out in that round. */
export function followUpNote(day: number, round: number, text: boolean): string {
  return `PDR J${day} R${round}${text ? ' + TEXTO' : ''}`;
}
