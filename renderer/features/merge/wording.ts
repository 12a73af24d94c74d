import type { Language } from '../../../shared/domain/model';
import { frenchOf, frenchOfList } from '../../app/french';
import { proposalShape } from './model';

/**
 * The merge's sentences that take names or counts, worded from the `merge` strings. Pure
 * (the `t` is passed in) so that French elision and plurals are checked without a page.
 */

/** The slice of i18next's `t` these need, bound to the `merge` namespace. */
export type MergeTranslate = (key: string, options?: Record<string, unknown>) => string;

/** « Éloïse Côté et Eloise Cote » / "Éloïse Côté and Eloise Cote". */
export function joinNames(names: readonly string[], language: Language): string {
  return new Intl.ListFormat(language === 'fr' ? 'fr-CA' : 'en-CA', { type: 'conjunction' }).format(names);
}

/**
 * The `{{ofName}}` of the merge strings: in French the name after its « de », elided
 * (« d’Éloïse Côté »); in English the name alone (the strings say "{{ofName}}’s record").
 */
export function ofName(name: string, language: Language): string {
  return language === 'fr' ? frenchOf(name) : name;
}

/** The `{{ofNames}}` of the merge strings: « d’Antoine Côté et de Catherine Côté » / "Antoine Côté and Catherine Côté". */
export function ofNames(names: readonly string[], language: Language): string {
  return language === 'fr' ? frenchOfList(names) : joinNames(names, language);
}

/** A candidate's checkbox: « Fusionner la fiche d’Antoine Côté ». */
export function selectLabel(t: MergeTranslate, language: Language, name: string): string {
  return t('dialog.select', { ofName: ofName(name, language) });
}

/** « La fiche d’Éloïse Côté-Tremblay est conservée, … » */
export function keptSentence(t: MergeTranslate, language: Language, name: string): string {
  return t('dialog.summaryKeep', { ofName: ofName(name, language) });
}

/** « Les fiches d’Antoine Côté et de Catherine Côté-Tremblay y sont fusionnées. » */
export function mergedSentence(t: MergeTranslate, language: Language, names: readonly string[]): string {
  return t('dialog.summaryMerged', { count: names.length, ofNames: ofNames(names, language) });
}

/** What the done step says was moved to the kept record, each counted in words. */
const MOVED_KEYS = ['opportunities', 'activities', 'texts'] as const;

/**
 * « 2 fiches fusionnées dans celle d’Éloïse Côté-Tremblay. Rattachés à la fiche : 2 OPP,
 * 6 activités et 0 texto. »
 */
export function doneSentence(
  t: MergeTranslate,
  language: Language,
  done: { merged: number; keepName: string; moved: Readonly<Record<string, number>> },
): string {
  return t('dialog.doneDetail', {
    count: done.merged,
    ofName: ofName(done.keepName, language),
    moved: joinNames(
      MOVED_KEYS.map((key) => t(`dialog.moved.${key}`, { count: done.moved[key] ?? 0 })),
      language,
    ),
  });
}

/** « Proposition 1 : 3 fiches (+1 autre correspondance) » when the lead matched more than a merge takes. */
export function proposalLabel(t: MergeTranslate, n: number, ids: readonly string[]): string {
  const { records, more } = proposalShape(ids);
  return more > 0 ? t('proposals.itemMore', { n, records, count: more }) : t('proposals.item', { n, count: records });
}
