import { describe, expect, it } from 'vitest';
import { elidesDe, frenchOf, frenchOfList } from './french';

describe('French « de » before a name', () => {
  it('is elided before a vowel, accented or not, in any case', () => {
    for (const name of [
      'Antoine Côté',
      'Éloïse Côté-Tremblay',
      'Èva',
      'Ève',
      'Êtienne',
      'Àdrien',
      'Âmbre',
      'Îsa',
      'Ôde',
      'Œdipe Roy',
      'Ursule',
      'ISABELLE',
      'E. Côté',
      'Ælfric',
    ]) {
      expect(frenchOf(name), name).toBe(`d’${name}`);
    }
  });

  it('is kept before a consonant, an aspirated h and a y before a vowel', () => {
    for (const name of [
      'Marc Gagnon',
      'Julien Roy',
      'Catherine Côté',
      'Hugues Lavoie',
      'Yannick Roy',
      'Çaglar',
      '3e client',
    ]) {
      expect(frenchOf(name), name).toBe(`de ${name}`);
    }
  });

  it('is elided before a mute h and a y before a consonant', () => {
    expect([frenchOf('Hélène Roy'), frenchOf('Hugo Roy'), frenchOf('Yves Roy'), frenchOf('Yvette')]).toEqual([
      'd’Hélène Roy',
      'd’Hugo Roy',
      'd’Yves Roy',
      'd’Yvette',
    ]);
  });

  it('takes the name as written, spaces around it aside; an empty name elides nothing', () => {
    expect(frenchOf('  Éloïse ')).toBe('d’Éloïse');
    expect(elidesDe('')).toBe(false);
  });

  it('is repeated, each elided on its own, before every name of a list', () => {
    expect(frenchOfList(['Antoine Côté', 'Catherine Côté-Tremblay'])).toBe(
      'd’Antoine Côté et de Catherine Côté-Tremblay',
    );
    expect(frenchOfList(['Marc', 'Éloïse', 'Antoine'])).toBe('de Marc, d’Éloïse et d’Antoine');
    expect(frenchOfList(['Éloïse'])).toBe('d’Éloïse');
  });
});

describe('the « de » formatter of the console’s strings', () => {
  it('elides in French and leaves English as written', async () => {
    const { createI18n } = await import('./i18n');
    const i18n = createI18n('fr');
    expect(i18n.t('search:open', { name: 'Éloïse Côté' })).toBe('Ouvrir la fiche d’Éloïse Côté');
    expect(i18n.t('search:open', { name: 'Marc Gagnon' })).toBe('Ouvrir la fiche de Marc Gagnon');
    expect(i18n.t('queue:owned', { name: 'Isabelle Roy' })).toBe('Lead d’Isabelle Roy');
    expect(i18n.t('softphone:notification.title', { name: '(514) 555-0199' })).toBe('Appel de (514) 555-0199');
    await i18n.changeLanguage('en');
    expect(i18n.t('search:open', { name: 'Éloïse Côté' })).toBe('Open the record of Éloïse Côté');
  });
});
