import i18next, { type i18n as I18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { appLocales } from './locales';
import { recordLocales } from '../features/record/locales';
import { searchLocales } from '../features/search/locales';
import { inboundLocales } from '../features/inbound/locales';
import { daLocales } from '../features/da/locales';
import { softphoneLocales } from '../features/softphone/locales';
import { actionsLocales } from '../features/actions/locales';
import { bookingLocales } from '../features/booking/locales';
import { settingsLocales } from '../features/settings/locales';
import { queueLocales } from '../features/queue/locales';
import { importsLocales } from '../features/imports/locales';
import { followupsLocales } from '../features/followups/locales';
import { syncLocales } from '../features/sync/locales';
import { mergeLocales } from '../features/merge/locales';
import { errorsLocales } from './error-locales';
import { frenchOf } from './french';

/**
 * Every label goes through i18next. French (Québec) first, English second. Each feature
 * owns its strings in its own `locales.ts`, merged here as one namespace per feature.
 */
export type Language = 'fr' | 'en';

export const namespaces = {
  app: appLocales,
  record: recordLocales,
  search: searchLocales,
  inbound: inboundLocales,
  da: daLocales,
  softphone: softphoneLocales,
  actions: actionsLocales,
  booking: bookingLocales,
  settings: settingsLocales,
  queue: queueLocales,
  imports: importsLocales,
  followups: followupsLocales,
  sync: syncLocales,
  merge: mergeLocales,
  errors: errorsLocales,
} as const;

export function createI18n(language: Language = 'fr'): I18n {
  const instance = i18next.createInstance();
  const resources: Record<Language, Record<string, object>> = { fr: {}, en: {} };
  for (const [ns, locales] of Object.entries(namespaces)) {
    resources.fr[ns] = withEveryPluralForm(locales.fr, 'fr');
    resources.en[ns] = withEveryPluralForm(locales.en, 'en');
  }
  void instance.use(initReactI18next).init({
    lng: language,
    fallbackLng: 'fr',
    ns: Object.keys(namespaces),
    defaultNS: 'app',
    resources,
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  // `{{name, de}}`: « de » before a name, elided as French writes it (« d’Éloïse »); the
  // English strings write their own words.
  instance.services.formatter?.add('de', (value: unknown, lng: string | undefined) =>
    lng === 'fr' ? frenchOf(String(value)) : String(value),
  );
  return instance;
}

/**
 * The strings with every plural form the language's rules ask for. Feature files write the
 * `_one` and `_other` forms; French also has `many` (exact millions: 1 000 000), for which
 * i18next would otherwise print the key. A missing form reads as `_other`.
 */
function withEveryPluralForm(tree: object, language: Language): Record<string, unknown> {
  const categories = new Intl.PluralRules(localeOf(language)).resolvedOptions().pluralCategories;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(tree)) {
    out[key] = typeof value === 'string' ? value : withEveryPluralForm(value as object, language);
    const base = key.endsWith('_other') ? key.slice(0, -'_other'.length) : null;
    if (base === null) continue;
    for (const category of categories) if (!(`${base}_${category}` in tree)) out[`${base}_${category}`] = value;
  }
  return out;
}

/** The BCP 47 locale used for dates and numbers. */
export function localeOf(language: Language): string {
  return language === 'fr' ? 'fr-CA' : 'en-CA';
}
