import { describe, expect, it } from 'vitest';
import { createI18n, localeOf, namespaces, type Language } from './i18n';

const LANGUAGES: Language[] = ['fr', 'en'];
const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Every string of a namespace by its dotted key. */
function flatten(tree: object, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value as object, path)) out.set(k, v);
  }
  return out;
}

const variables = (text: string) => [...text.matchAll(/\{\{\s*([\w.]+)/g)].map((m) => m[1]).sort();

describe('the UI strings, French first and English second', () => {
  for (const [ns, locales] of Object.entries(namespaces)) {
    const strings = { fr: flatten(locales.fr), en: flatten(locales.en) };
    const base = (language: Language) => new Set([...strings[language].keys()].map((k) => k.replace(PLURAL, '')));

    it(`${ns}: both languages say the same things, with the same variables`, () => {
      expect([...base('en')].sort()).toEqual([...base('fr')].sort());
      for (const language of LANGUAGES) {
        for (const key of base(language)) {
          const forms = (l: Language) =>
            [...strings[l]].filter(([k]) => k.replace(PLURAL, '') === key).flatMap(([, v]) => variables(v));
          expect(new Set(forms(language)), `${ns}:${key} (${language})`).toEqual(
            new Set(forms(language === 'fr' ? 'en' : 'fr')),
          );
        }
      }
    });

    it(`${ns}: every counted string has each plural form its language uses, and the last one`, () => {
      for (const language of LANGUAGES) {
        const loaded = flatten(createI18n(language).getResourceBundle(language, ns) as object);
        const categories = new Intl.PluralRules(localeOf(language)).resolvedOptions().pluralCategories;
        const counted = new Set(
          [...strings[language].keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, '')),
        );
        for (const key of counted) {
          expect(strings[language].has(`${key}_other`), `${ns}:${key}_other (${language})`).toBe(true);
          for (const category of categories)
            expect(loaded.has(`${key}_${category}`), `${ns}:${key}_${category} (${language})`).toBe(true);
        }
      }
    });
  }

  it('a count of a million reads as a sentence in French, not as its key', () => {
    const i18n = createI18n('fr');
    expect(i18n.t('queue:total', { count: 1_000_000 })).toBe('1000000 leads à traiter');
    expect(i18n.t('queue:total', { count: 1 })).toBe('1 lead à traiter');
    expect(i18n.t('queue:total', { count: 0 })).toBe('0 lead à traiter');
    i18n.changeLanguage('en');
    expect(i18n.t('queue:total', { count: 0 })).toBe('0 leads to work');
  });
});
