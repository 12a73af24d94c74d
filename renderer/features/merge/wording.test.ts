import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { mergeLocales } from './locales';
import { doneSentence, keptSentence, mergedSentence, proposalLabel, selectLabel, type MergeTranslate } from './wording';

let fr: MergeTranslate;
let en: MergeTranslate;

beforeAll(async () => {
  const i18n = i18next.createInstance();
  await i18n.init({
    lng: 'fr',
    ns: ['merge'],
    defaultNS: 'merge',
    resources: { fr: { merge: mergeLocales.fr }, en: { merge: mergeLocales.en } },
    interpolation: { escapeValue: false },
  });
  fr = i18n.getFixedT('fr', 'merge');
  en = i18n.getFixedT('en', 'merge');
});

describe('the merge dialog’s sentences', () => {
  it('Marc ticks Antoine’s record: « Fusionner la fiche d’Antoine Côté »', () => {
    expect(selectLabel(fr, 'fr', 'Antoine Côté')).toBe('Fusionner la fiche d’Antoine Côté');
    expect(selectLabel(fr, 'fr', 'J. Roy')).toBe('Fusionner la fiche de J. Roy');
    expect(selectLabel(en, 'en', 'Antoine Côté')).toBe('Merge Antoine Côté’s record');
  });

  it('the summary keeps Éloïse’s record and merges Antoine’s and Catherine’s into it', () => {
    expect(keptSentence(fr, 'fr', 'Éloïse Côté-Tremblay')).toBe(
      'La fiche d’Éloïse Côté-Tremblay est conservée, avec son nom, sa langue et son numéro de fiche.',
    );
    expect(mergedSentence(fr, 'fr', ['Antoine Côté', 'Catherine Côté-Tremblay'])).toBe(
      'Les fiches d’Antoine Côté et de Catherine Côté-Tremblay y sont fusionnées.',
    );
    expect(mergedSentence(fr, 'fr', ['S. Martin'])).toBe('La fiche de S. Martin y est fusionnée.');
    expect(mergedSentence(en, 'en', ['Antoine Côté', 'Catherine Côté-Tremblay'])).toBe(
      'The records of Antoine Côté and Catherine Côté-Tremblay are merged into it.',
    );
  });

  it('the done step counts in words, singular and plural, never « (s) »', () => {
    const done = { merged: 2, keepName: 'Éloïse Côté-Tremblay', moved: { opportunities: 2, activities: 6, texts: 0 } };
    expect(doneSentence(fr, 'fr', done)).toBe(
      '2 fiches fusionnées dans celle d’Éloïse Côté-Tremblay. Rattachés à la fiche : 2 OPP, 6 activités et 0 texto.',
    );
    expect(doneSentence(en, 'en', { ...done, moved: { opportunities: 4, activities: 7, texts: 0 } })).toBe(
      '2 records merged into Éloïse Côté-Tremblay’s. Moved to it: 4 OPPs, 7 history lines and 0 texts.',
    );
    const one = { merged: 1, keepName: 'Marc Roy', moved: { opportunities: 1, activities: 1, texts: 1 } };
    expect(doneSentence(fr, 'fr', one)).toBe(
      '1 fiche fusionnée dans celle de Marc Roy. Rattachés à la fiche : 1 OPP, 1 activité et 1 texto.',
    );
    expect(doneSentence(en, 'en', one)).toBe(
      '1 record merged into Marc Roy’s. Moved to it: 1 OPP, 1 history line and 1 text.',
    );
    for (const line of [doneSentence(fr, 'fr', done), doneSentence(en, 'en', one)]) expect(line).not.toContain('(s)');
  });
});

describe('the import report’s proposals', () => {
  it('a lead that matched four records: the three a merge takes, and the one more', () => {
    expect(proposalLabel(fr, 1, ['a', 'b', 'c', 'd'])).toBe('Proposition 1 : 3 fiches (+1 autre correspondance)');
    expect(proposalLabel(fr, 2, ['a', 'b', 'c', 'd', 'e'])).toBe(
      'Proposition 2 : 3 fiches (+2 autres correspondances)',
    );
    expect(proposalLabel(en, 1, ['a', 'b', 'c', 'd'])).toBe('Proposal 1: 3 records (+1 other match)');
  });

  it('three records or fewer: the count alone', () => {
    expect(proposalLabel(fr, 1, ['a', 'b', 'c'])).toBe('Proposition 1 : 3 fiches');
    expect(proposalLabel(en, 3, ['a', 'b'])).toBe('Proposal 3: 2 records');
  });

  it('more proposals than shown are counted in words', () => {
    expect([fr('proposals.more', { count: 1 }), fr('proposals.more', { count: 4 })]).toEqual([
      'et 1 autre proposition',
      'et 4 autres propositions',
    ]);
    expect(en('proposals.more', { count: 4 })).toBe('and 4 more proposals');
  });
});
