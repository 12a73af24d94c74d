/**
 * French « de » before a person's name, elided as French writes it: « la fiche d’Éloïse »,
 * « d’Hélène », « d’Yves », but « de Marc », « de Yannick », « de Hugues ». Pure; used by
 * i18next's « de » formatter (`{{name, de}}` in the French strings), the merge dialog and the
 * record's history.
 */

/**
 * First names whose h usage aspirates (« de Hugues »). French elides before a mute h only,
 * and a first name's h is mute unless usage says otherwise (« d’Hélène », « d’Hugo »).
 * Lower case, without accents.
 */
const ASPIRATED_H: readonly string[] = ['hugues'];

/** The letters, without their accents, lower case: « Éloïse » → « eloise », « Œdipe » → « oedipe ». */
function bare(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').replace(/œ/gi, 'oe').replace(/æ/gi, 'ae').toLowerCase();
}

/** True when « de » before `name` becomes « d’ ». */
export function elidesDe(name: string): boolean {
  const word = bare(name.trim()).split(/[\s’'-]/)[0] ?? '';
  const first = word.charAt(0);
  if (first !== '' && 'aeiou'.includes(first)) return true;
  // Y before a consonant is a vowel (« d’Yves »), before a vowel a consonant (« de Yannick »).
  if (first === 'y') return word.length > 1 && !'aeiouy'.includes(word.charAt(1));
  if (first === 'h') return !ASPIRATED_H.includes(word.replace(/[^a-z]/g, ''));
  return false;
}

/** « d’Éloïse Côté-Tremblay », « de Marc Gagnon »; the name as it is written. */
export function frenchOf(name: string): string {
  const trimmed = name.trim();
  return elidesDe(trimmed) ? `d’${trimmed}` : `de ${trimmed}`;
}

/**
 * « d’Antoine Côté et de Catherine Côté-Tremblay »: French repeats « de » before each name
 * of a list, each elided on its own.
 */
export function frenchOfList(names: readonly string[]): string {
  return new Intl.ListFormat('fr-CA', { type: 'conjunction' }).format(names.map(frenchOf));
}
